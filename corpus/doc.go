// Package corpus reads and writes the articles neardup works on: plain-text
// files with blank-line-separated paragraphs, JSON Lines with one article
// a line, and the IPTC news formats agencies deliver (NewsML-G2, NITF 3.x
// and ninjs 1.x and 2.x). It knows nothing about shingles or stories; it
// turns bytes into Articles and reports bad input by file and line.
//
// # Plain text
//
// A .txt file holds one article. Its paragraphs are blocks of lines
// separated by blank lines (see SplitParagraphs). Body holds them trimmed
// and joined by "\n\n", with "\r\n" turned into "\n". The file may start
// (after white space) with a date marker, "date 2023-09" or
// "date 2023-09-14", followed on the same line or the next by the text of
// paragraph 0; the marker sets Date (the first of the month when only the
// month is given) and DateText, and is not part of Body. A marker with a
// malformed date is an ErrBadDate; text that starts with the word "date"
// not followed by a digit has no marker. The ID is the file's path relative
// to the directory argument, without its extension and with forward
// slashes ("2023/09/kim"), or for a file argument its base name without the
// extension. Title is empty and Origin is the path.
//
// # JSON Lines
//
// A .jsonl file (or stdin) holds one JSON object a line; blank lines are
// skipped. The fields are "id" (required: a non-empty string, or a number
// taken as written), "body" or else "text", "title", "date" (RFC 3339,
// YYYY-MM or YYYY-MM-DD; DateText keeps it as written), "source", "lang",
// "url", and the fields of the agency formats: "guid", "version" (a whole
// number, as a JSON number or a string of digits: 2 or "2"),
// "first_created", "credit" and "copyright". All but "id" may be missing or
// null; other fields are ignored. Origin is "path:line". Article's JSON
// tags write the same fields, so an Article marshalled with encoding/json
// reads back as itself but for Origin.
//
// # Agency formats
//
// NewsML-G2, NITF and ninjs files are read item by item, each item an
// article; the sections below say which fields fill which of Article's.
// Elements and attributes are matched by their local names, so any
// namespace (NewsML-G2's http://iptc.org/std/nar/2006-10-01/, XHTML's,
// NITF's, or none) and any prefix will do. Text fields are trimmed, and
// Title, Source, Credit and Copyright have their white space collapsed to
// single spaces. Dates are RFC 3339 (2026-03-12T10:15:00+01:00), ISO 8601
// basic (20260312T101500+0100, 20260312T1015Z, 20260312), YYYY-MM,
// YYYY-MM-DD, or a date and time without a zone, taken as UTC; DateText
// keeps the date as written when it is RFC 3339, YYYY-MM or YYYY-MM-DD,
// and is otherwise the same time in RFC 3339 (20260312T101500+0100 →
// 2026-03-12T10:15:00+01:00), so that every output and JSON Lines read it. Lang is the language tag's primary subtag,
// lower-cased ("da-DK" → "da"; "no" stays "no"). The ID is "guid@version"
// ("urn:newsml:ritzau.dk:20260312:RB12345@2"), or the guid when there is
// no version; an item without a guid takes the file's ID as a .txt file
// would when it is the only item of its file, and is an ErrMissingID
// otherwise. Origin is "path:line" of the item's start. An item without a
// body is read with an empty Body, as in JSON Lines; a NewsML-G2 item of
// class picture, graphic, audio or video, or a ninjs item of such a type,
// is skipped with a note, and a file with no item at all too.
//
// Bodies in XHTML or HTML become paragraphs: each <p>, <h1>–<h6>, NITF
// <hl2>, <li>, <blockquote>, <div> and the like is one paragraph, with its
// tags stripped and its white space (no-break spaces too) collapsed; <br>
// and table cells are a space. <head>, <script>, <style> and an embedded
// NITF's <body.head> and <body.end> are dropped. A body given as text
// alone, escaped or in a CDATA section, is read as HTML when it holds
// markup, else as plain text. Plain text bodies are split at blank lines
// as in a .txt file.
//
// # NewsML-G2
//
// A file holds a <newsMessage>, whose <itemSet> holds the items, or a bare
// <newsItem> or <packageItem>. Each <newsItem> is an article; a
// <packageItem>, which references items and has no body, and other items
// are skipped. From a newsItem: guid and version (attributes) give GUID
// and Version; itemMeta/versionCreated gives Date and DateText,
// itemMeta/firstCreated FirstCreated; the first itemMeta/link whose href
// is an http or https URL gives URL; contentMeta/language@tag, or else the
// newsItem's xml:lang, gives Lang; the first contentMeta/headline gives
// Title (other headlines and descriptions are not read);
// contentMeta/creditline gives Credit; rightsInfo/copyrightHolder gives
// Copyright (its literal, else its <name>, else its qcode's code);
// itemMeta/provider, or else contentMeta/infoSource, gives Source (its
// qcode's code lower-cased, "nprov:RITZAU" → "ritzau", else its literal,
// else its <name>). The body is the first contentSet/inlineXML (XHTML, or
// NITF whose body.content is read), or else the first inlineData (plain
// text, or HTML when its contenttype names HTML).
//
// # NITF
//
// A file holds one <nitf> document, one article. head/docdata/doc-id's
// id-string gives GUID, du-key's version Version; date.issue's norm gives
// Date and DateText; doc.copyright's holder gives Copyright; pubdata's
// name, or else doc-id's regsrc, gives Source; the xml:lang of <body> or
// <nitf>, or else nitf's baselang, gives Lang. In body/body.head,
// hedline/hl1 gives Title (an hl2 there, the subtitle, is not read), and
// distributor, or else byline, gives Credit. The body is body.content:
// its paragraphs, subheadings (<hl2>) as paragraphs of their own, and the
// paragraphs inside <block> and other containers; media captions and
// table rows are paragraphs too.
//
// # ninjs
//
// A file holds one JSON object, several one after another, or an array of
// them; each is an item. From an item: "uri" gives GUID, "version" (a
// whole number or a string of digits) Version; "versioncreated" gives Date
// and DateText, "firstcreated" FirstCreated; "language" gives Lang;
// "headline" (1.x), or else the first of "headlines" (2.x) with a value,
// gives Title; "by" (2.x) or "byline" (1.x) gives Credit;
// "copyrightholder" gives Copyright; the first name of "infosources" gives
// Source; "url", or else the href (or uri) of the first of "links" whose
// rel is "canonical", or else "self", gives URL. The body is the HTML one,
// "body_html" (1.x) or the first of "bodies" (2.x) whose contenttype names
// HTML, or else the plain one, "body_text" or the first text/plain of
// "bodies". A field of the wrong type is an error naming it.
//
// # Choosing the format
//
// A .txt file is plain text and a .jsonl file JSON Lines, whatever they
// hold. An .xml, .nitf, .newsml, .json or .ninjs file is read by what it
// holds, after any UTF-8 byte order mark and white space: "<" starts XML,
// whose root element, after the prolog, comments and doctype, tells
// NewsML-G2 (newsMessage, newsItem or packageItem, under any prefix) from
// NITF (nitf); "{" or "[" starts ninjs when the first object holds "uri"
// and one of "headline", "headlines", "body_html", "bodies", "body_text"
// or "versioncreated". A .json file that is not ninjs is read as JSON Lines
// when it is named as an input, and skipped (counted in
// ReadStats.Unsupported, with a warning) in a directory walk, where such
// files are often data beside the articles. Any other such file (an .xml
// file of another root element, say) is an ErrUnsupportedFile naming the
// file and line: an error, or with SkipBad a warning, never skipped
// silently.
//
// # Encodings
//
// Valid UTF-8 is used as is, without a leading byte order mark. Text that
// is not UTF-8 but is clearly Windows-1252 (Latin-1), as in old Nordic
// newsroom archives, is decoded with a note through ReadOptions.Warn, once
// per file; JSONL and ninjs are judged line by line and item by item.
// Anything else is an ErrNotUTF8 at the line of the first invalid byte. XML
// is UTF-8 unless its prolog declares ISO-8859-1 (latin1, read as its
// superset Windows-1252, as browsers do), Windows-1252 or ISO-8859-15;
// another declared encoding, UTF-16, or bytes that are not valid in the
// encoding are an ErrNotUTF8. XML knows the HTML named entities (&nbsp;
// &oslash; &aring; &mdash; …) besides its own. A file that is empty or
// holds only white space is skipped with a warning.
//
// # Errors
//
// Bad input comes as an *InputError with the file and line
// ("corpus.jsonl:12: duplicate id "x" (first at a.jsonl:3)") that wraps
// one of the sentinel errors (ErrMissingID, ErrDuplicateID, …), for
// errors.Is. Read stops at the first one unless ReadOptions.SkipBad is set.
// Read never panics on bad input, and it holds at most
// ReadOptions.MaxBytes of one article's raw bytes in memory (for the
// agency formats, an item's, with a few KiB of the decoder's read-ahead).
//
// In the agency formats a bad item (a bad date or version, an item over
// MaxBytes, a duplicate ID) is skipped with SkipBad and the file read on;
// XML that is not well-formed (ErrInvalidXML), JSON that is not
// (ErrInvalidJSON), or an item so far over MaxBytes that the decoder had
// to stop, ends the reading of its file after the items before it.
package corpus
