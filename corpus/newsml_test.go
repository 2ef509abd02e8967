package corpus

import (
	"strings"
	"testing"
)

// g2Message wraps newsItems in a newsMessage with the default namespace.
func g2Message(items ...string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><header><sent>2026-03-12T10:00:00Z</sent></header>` + "\n" +
		"<itemSet>\n" + strings.Join(items, "\n") + "\n</itemSet>\n</newsMessage>\n"
}

// g2Item returns a newsItem with the guid, version and XHTML body.
func g2ItemXML(guid, version, body string) string {
	return `<newsItem guid="` + guid + `" version="` + version + `" standard="NewsML-G2">` +
		`<contentSet><inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body>` +
		body + `</body></html></inlineXML></contentSet></newsItem>`
}

// newsMLCases are good NewsML-G2 files, read as "a.xml". They also seed
// FuzzNewsML.
var newsMLCases = []iptcCase{
	{
		name: "message of two items and a package",
		in: g2Message(
			g2ItemXML("urn:x:1", "1", "<p>Én.</p>"),
			`<packageItem guid="urn:x:p" version="1"><groupSet root="G"><group id="G"><itemRef residref="urn:x:1"/></group></groupSet></packageItem>`,
			g2ItemXML("urn:x:1", "2", "<p>Én.</p><p>To.</p>")),
		want: []Article{
			{ID: "urn:x:1@1", GUID: "urn:x:1", Version: 1, Body: "Én.", Origin: "a.xml:4"},
			{ID: "urn:x:1@2", GUID: "urn:x:1", Version: 2, Body: "Én.\n\nTo.", Origin: "a.xml:6"},
		},
	},
	{
		name: "all the metadata",
		in: `<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:x:2" version="7" xml:lang="en">
<rightsInfo><copyrightHolder qcode="nprov:X"><name>Example  Wire</name></copyrightHolder></rightsInfo>
<itemMeta><itemClass qcode="ninat:text"/><provider qcode="nprov:EXAMPLE" literal="Example Wire"/>
<versionCreated>2026-03-12T10:15:00+01:00</versionCreated><firstCreated>2026-03-12T08:00:00+01:00</firstCreated>
<link rel="irel:seeAlso" href="urn:x:other"/><link rel="irel:seeAlso" href=" https://example.com/2 "/></itemMeta>
<contentMeta><language tag="nb-NO"/><headline role="hlrole:main"> Main
 headline </headline><headline role="hlrole:sub">Sub</headline><creditline>Example/NTB</creditline></contentMeta>
<contentSet><inlineData contenttype="text/plain">First line
same paragraph.

Second.</inlineData></contentSet></newsItem>`,
		want: []Article{{
			ID: "urn:x:2@7", GUID: "urn:x:2", Version: 7, Title: "Main headline", Body: "First line\nsame paragraph.\n\nSecond.",
			Date: at(2026, 3, 12, 10, 15, 1), DateText: "2026-03-12T10:15:00+01:00", FirstCreated: "2026-03-12T08:00:00+01:00",
			Source: "example", Lang: "nb", URL: "https://example.com/2", Credit: "Example/NTB", Copyright: "Example Wire",
			Origin: "a.xml:1",
		}},
	},
	{
		name: "no version",
		in:   `<newsItem guid="urn:x:3"><contentSet><inlineData>Text.</inlineData></contentSet></newsItem>`,
		want: []Article{{ID: "urn:x:3", GUID: "urn:x:3", Body: "Text.", Origin: "a.xml:1"}},
	},
	{
		name: "a lone item without guid takes the file's name",
		in:   `<newsItem><contentMeta><headline>Uden guid</headline></contentMeta></newsItem>`,
		want: []Article{{ID: "a", Title: "Uden guid", Origin: "a.xml:1"}},
	},
	{
		name: "entities and white space",
		in: g2Message(g2ItemXML("urn:x:4", "1", "<p>Bl&aring;b&aelig;r&nbsp;og  r&oslash;dgr&oslash;d&hellip;\n\t&AElig;&Oslash;&Aring; &eacute; &mdash; &ndash; &quot;x&quot; &amp; &lt;y&gt; &#xE6;&#230;</p>"+
			"<p>  </p><h3>Mellem<br/>rubrik</h3><p>a<b>b</b> <i>c</i></p>")),
		want: []Article{{ID: "urn:x:4@1", GUID: "urn:x:4", Version: 1,
			Body: "Blåbær og rødgrød… ÆØÅ é — – \"x\" & <y> ææ\n\nMellem rubrik\n\nab c", Origin: "a.xml:4"}},
	},
	{
		name: "escaped HTML body",
		in:   `<newsItem guid="urn:x:5"><contentSet><inlineXML contenttype="text/html">&lt;p&gt;Et.&lt;/p&gt;&lt;p&gt;To &amp;amp; tre.&lt;/p&gt;</inlineXML></contentSet></newsItem>`,
		want: []Article{{ID: "urn:x:5", GUID: "urn:x:5", Body: "Et.\n\nTo & tre.", Origin: "a.xml:1"}},
	},
	{
		name: "CDATA body with sloppy HTML",
		in: `<newsItem guid="urn:x:6"><contentSet><inlineXML><![CDATA[<P>Et<BR>to</P></div><p class=x>tre &oslash; &foo;` +
			`<script>var a = "<p>not text</p>";</script><ul><li>fire<li>fem</ul>]]></inlineXML></contentSet></newsItem>`,
		want: []Article{{ID: "urn:x:6", GUID: "urn:x:6", Body: "Et to\n\ntre ø &foo;\n\nfire\n\nfem", Origin: "a.xml:1"}},
	},
	{
		name: "inlineData as HTML",
		in:   `<newsItem guid="urn:x:7"><contentSet><inlineData contenttype="text/html">&lt;p&gt;A&lt;/p&gt;&lt;p&gt;B&lt;/p&gt;</inlineData></contentSet></newsItem>`,
		want: []Article{{ID: "urn:x:7", GUID: "urn:x:7", Body: "A\n\nB", Origin: "a.xml:1"}},
	},
	{
		name: "NITF inside inlineXML",
		in: `<newsItem guid="urn:x:8"><contentSet><inlineXML contenttype="application/nitf+xml"><nitf><head><title>T</title></head>` +
			`<body><body.head><hedline><hl1>Headline</hl1></hedline></body.head><body.content><p>Body.</p><hl2>Sub</hl2><p>More.</p></body.content>` +
			`<body.end><tagline>(NTB)</tagline></body.end></body></nitf></inlineXML></contentSet></newsItem>`,
		want: []Article{{ID: "urn:x:8", GUID: "urn:x:8", Body: "Body.\n\nSub\n\nMore.", Origin: "a.xml:1"}},
	},
	{
		name: "picture items are skipped with a note",
		in: g2Message(
			`<newsItem guid="urn:x:pic" version="1"><itemMeta><itemClass qcode="ninat:picture"/></itemMeta></newsItem>`,
			g2ItemXML("urn:x:9", "1", "<p>Tekst.</p>")),
		want:     []Article{{ID: "urn:x:9@1", GUID: "urn:x:9", Version: 1, Body: "Tekst.", Origin: "a.xml:5"}},
		wantWarn: []string{"a.xml:4: newsItem of class ninat:picture has no text, skipped"},
	},
	{
		name:     "a package alone",
		in:       `<packageItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:x:p"><groupSet/></packageItem>`,
		wantWarn: []string{"a.xml: no news item in the file, skipped"},
	},
	{
		name:     "a message with no items",
		in:       g2Message(),
		wantWarn: []string{"a.xml: no news item in the file, skipped"},
	},
	{
		name: "prolog, comments, doctype and a byte order mark",
		in: "\ufeff<?xml version=\"1.0\"?>\n<!-- c -->\n<!DOCTYPE newsItem>\n<?pi x?>\n" +
			`<newsItem guid="urn:x:10"><contentSet><inlineData>X.</inlineData></contentSet></newsItem>` + "\n<!-- after -->\n",
		want: []Article{{ID: "urn:x:10", GUID: "urn:x:10", Body: "X.", Origin: "a.xml:5"}},
	},
}

func TestReadNewsML(t *testing.T) {
	runIPTCCases(t, "a.xml", newsMLCases)
}

// TestReadNewsMLLatin1 reads a file in ISO-8859-1, as its prolog says.
func TestReadNewsMLLatin1(t *testing.T) {
	in := latin1(t, `<?xml version="1.0" encoding="ISO-8859-1"?>`+"\n"+
		`<newsItem guid="urn:x:l1"><contentMeta><headline>Blåbærgrød på Ærø</headline></contentMeta>`+
		`<contentSet><inlineXML><p>Søren går til «København».</p></inlineXML></contentSet></newsItem>`)
	if strings.Contains(in, "å") {
		t.Fatal("the fixture is not Latin-1")
	}
	cases := []iptcCase{{
		name: "iso-8859-1",
		in:   in,
		want: []Article{{ID: "urn:x:l1", GUID: "urn:x:l1", Title: "Blåbærgrød på Ærø", Body: "Søren går til «København».", Origin: "a.xml:2"}},
	}, {
		name: "windows-1252",
		in: `<?xml version="1.0" encoding="windows-1252"?><newsItem guid="urn:x:w"><contentSet><inlineXML><p>` +
			"\x93Citat\x94 \x96 sagde han</p></inlineXML></contentSet></newsItem>",
		want: []Article{{ID: "urn:x:w", GUID: "urn:x:w", Body: "“Citat” – sagde han", Origin: "a.xml:1"}},
	}}
	runIPTCCases(t, "a.xml", cases)
}

// newsMLErrorCases are bad NewsML-G2 files, read as "a.xml" with MaxBytes
// 2048. They also seed FuzzNewsML.
var newsMLErrorCases = []iptcErrorCase{
	{
		name: "malformed: end tag does not match",
		in: g2Message(
			g2ItemXML("urn:x:1", "1", "<p>Good.</p>"),
			`<newsItem guid="urn:x:2"><contentSet><inlineXML><p>Bad.</b></inlineXML></contentSet></newsItem>`,
			g2ItemXML("urn:x:3", "1", "<p>Never read.</p>")),
		wantIs:  ErrInvalidXML,
		wantMsg: "a.xml:5: invalid XML: element <p> closed by </b>",
		want:    []string{"urn:x:1@1"},
	},
	{
		name:    "malformed: cut short",
		in:      g2Message(g2ItemXML("urn:x:1", "1", "<p>Good.</p>"))[:150],
		wantIs:  ErrInvalidXML,
		wantMsg: "a.xml:3: invalid XML: unexpected EOF",
	},
	{
		name:    "unknown entity",
		in:      "<newsItem guid=\"urn:x:1\">\n<contentSet><inlineData>&bogus;</inlineData></contentSet></newsItem>",
		wantIs:  ErrInvalidXML,
		wantMsg: "a.xml:2: invalid XML: invalid character entity &bogus;",
	},
	{
		name:    "not UTF-8 and no encoding declared",
		in:      "<newsItem guid=\"urn:x:1\">\n\n<contentSet><inlineData>S\xf8ren</inlineData></contentSet></newsItem>",
		wantIs:  ErrNotUTF8,
		wantMsg: "a.xml:3: not UTF-8 text (declare the encoding in the XML prolog)",
	},
	{
		name:    "unknown encoding",
		in:      `<?xml version="1.0" encoding="EBCDIC-DK"?><newsItem/>`,
		wantIs:  ErrNotUTF8,
		wantMsg: `a.xml:1: unsupported encoding "EBCDIC-DK": want UTF-8, ISO-8859-1, ISO-8859-15 or Windows-1252`,
	},
	{
		name:    "bad version",
		in:      g2Message(g2ItemXML("urn:x:1", "2b", "<p>X.</p>"), g2ItemXML("urn:x:2", "1", "<p>Y.</p>")),
		wantIs:  ErrBadField,
		wantMsg: `a.xml:4: newsItem version is "2b", want a whole number`,
		want:    []string{"urn:x:2@1"},
	},
	{
		name:    "bad date",
		in:      "\n<newsItem guid=\"urn:x:1\"><itemMeta><versionCreated>12 March 2026</versionCreated></itemMeta></newsItem>",
		wantIs:  ErrBadDate,
		wantMsg: `a.xml:2: bad date "12 March 2026" in versionCreated: want ISO 8601, as 2026-03-12T10:15:00+01:00 or 20260312T101500+0100`,
	},
	{
		name:    "two items without guid",
		in:      g2Message(`<newsItem><contentSet><inlineData>A.</inlineData></contentSet></newsItem>`, `<newsItem><contentSet><inlineData>B.</inlineData></contentSet></newsItem>`),
		wantIs:  ErrMissingID,
		wantMsg: "a.xml:4: item has no guid, and its file holds more than one item",
	},
	{
		name:    "duplicate item",
		in:      g2Message(g2ItemXML("urn:x:1", "1", "<p>A.</p>"), g2ItemXML("urn:x:1", "1", "<p>B.</p>")),
		wantIs:  ErrDuplicateID,
		wantMsg: `a.xml:5: duplicate id "urn:x:1@1" (first at a.xml:4)`,
		want:    []string{"urn:x:1@1"},
	},
	{
		name: "item over MaxBytes",
		in: g2Message(g2ItemXML("urn:x:1", "1", "<p>"+strings.Repeat("lang tekst ", 200)+"</p>"),
			g2ItemXML("urn:x:2", "1", "<p>Short.</p>")),
		wantIs:  ErrItemTooLarge,
		wantMsg: "a.xml:4: item larger than 2048 bytes",
		want:    []string{"urn:x:2@1"},
	},
	{
		name:    "item far over MaxBytes ends the file",
		in:      g2Message(g2ItemXML("urn:x:1", "1", "<p>"+strings.Repeat("x", 40000)+"</p>"), g2ItemXML("urn:x:2", "1", "<p>Short.</p>")),
		wantIs:  ErrItemTooLarge,
		wantMsg: "a.xml:4: item larger than 2048 bytes",
	},
	{
		name:    "another root",
		in:      "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel/></rss>",
		wantIs:  ErrUnsupportedFile,
		wantMsg: "a.xml:2: root element <rss> is neither NewsML-G2 (newsMessage, newsItem, packageItem) nor NITF (nitf)",
	},
	{
		name:    "a second root",
		in:      `<newsItem guid="urn:x:1"/>` + "\n" + `<newsItem guid="urn:x:2"/>`,
		wantIs:  ErrInvalidXML,
		wantMsg: "a.xml:2: invalid XML: element <newsItem> after the root element",
		want:    []string{"urn:x:1"},
	},
	{
		name:    "no root",
		in:      "<?xml version=\"1.0\"?>\n<!-- nothing -->\n",
		wantIs:  ErrInvalidXML,
		wantMsg: "a.xml:3: invalid XML: no root element",
	},
	{
		name:    "bad HTML in CDATA",
		in:      `<newsItem guid="urn:x:1"><contentSet><inlineXML><![CDATA[<p>a < b</p>]]></inlineXML></contentSet></newsItem>`,
		wantIs:  ErrInvalidXML,
		wantMsg: "a.xml:1: bad HTML in the body: XML syntax error on line 1: expected element name after <",
	},
}

func TestReadNewsMLErrors(t *testing.T) {
	runIPTCErrorCases(t, "a.xml", newsMLErrorCases)
}
