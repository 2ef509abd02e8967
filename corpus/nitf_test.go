package corpus

import (
	"strings"
	"testing"
)

// nitfCases are good NITF files, read as "a.nitf". They also seed FuzzNITF.
var nitfCases = []iptcCase{
	{
		name: "all the fields",
		in: `<?xml version="1.0" encoding="UTF-8"?>
<nitf version="-//IPTC//DTD NITF 3.6//EN" baselang="en-US">
<head>
<docdata><doc-id regsrc="NTB" id-string="NTB-1"/><date.issue norm="20260312T101500+0100"/><du-key version="3"/><doc.copyright holder=" NTB  Nyheter "/></docdata>
<pubdata type="print" name="Bergens Tidende"/>
</head>
<body xml:lang="nn-NO">
<body.head><hedline><hl1>Tittel <em>her</em></hl1><hl2>Not in the body</hl2></hedline>
<byline>Av Per Hansen</byline><distributor>NTB</distributor></body.head>
<body.content>
<p>Første.</p>
<media media-type="image"><media-reference source="x.jpg"/><media-caption>Bildetekst.</media-caption></media>
<table><tr><td>a</td><td>b</td></tr></table>
<hl2>Mellomtittel</hl2><block><p>Andre.</p><bq><p>Sitat.</p></bq></block>
</body.content>
</body>
</nitf>`,
		want: []Article{{
			ID: "NTB-1@3", GUID: "NTB-1", Version: 3, Title: "Tittel her",
			Body:     "Første.\n\nBildetekst.\n\na b\n\nMellomtittel\n\nAndre.\n\nSitat.",
			Date:     at(2026, 3, 12, 10, 15, 1),
			DateText: "2026-03-12T10:15:00+01:00", Source: "Bergens Tidende", Lang: "nn",
			Credit: "NTB", Copyright: "NTB Nyheter", Origin: "a.nitf:2",
		}},
	},
	{
		name: "byline as credit, regsrc as source, baselang",
		in: `<nitf baselang="sv-SE"><head><docdata><doc-id regsrc="TT" id-string="TT-9"/></docdata></head>` +
			`<body><body.head><byline>Av <person>Anna Andersson</person>/TT</byline></body.head><body.content><p>Text.</p></body.content></body></nitf>`,
		want: []Article{{ID: "TT-9", GUID: "TT-9", Body: "Text.", Source: "TT", Lang: "sv", Credit: "Av Anna Andersson/TT", Origin: "a.nitf:1"}},
	},
	{
		name: "prefixed namespace",
		in: `<n:nitf xmlns:n="http://iptc.org/std/NITF/2006-10-18/" xml:lang="da"><n:head><n:docdata><n:doc-id id-string="RB-1"/></n:docdata></n:head>` +
			`<n:body><n:body.content><n:p>Tekst.</n:p></n:body.content></n:body></n:nitf>`,
		want: []Article{{ID: "RB-1", GUID: "RB-1", Body: "Tekst.", Lang: "da", Origin: "a.nitf:1"}},
	},
	{
		name: "no doc-id takes the file's name; no body",
		in:   `<nitf><body><body.head><hedline><hl1>Kun tittel</hl1></hedline></body.head></body></nitf>`,
		want: []Article{{ID: "a", Title: "Kun tittel", Origin: "a.nitf:1"}},
	},
	{
		name: "ISO-8859-1",
		in: "<?xml version='1.0' encoding='iso-8859-1'?>\n<nitf><head><docdata><doc-id id-string='NTB-L1'/></docdata></head>" +
			"<body><body.content><p>Bl\xe5b\xe6rsyltet\xf8y fra \xc5lesund.</p></body.content></body></nitf>",
		want: []Article{{ID: "NTB-L1", GUID: "NTB-L1", Body: "Blåbærsyltetøy fra Ålesund.", Origin: "a.nitf:2"}},
	},
}

func TestReadNITF(t *testing.T) {
	runIPTCCases(t, "a.nitf", nitfCases)
}

// nitfErrorCases are bad NITF files, read as "a.nitf" with MaxBytes 2048.
// They also seed FuzzNITF.
var nitfErrorCases = []iptcErrorCase{
	{
		name:    "malformed",
		in:      "<nitf>\n<head>\n<docdata><doc-id id-string=NTB-1/></docdata>\n</head></nitf>",
		wantIs:  ErrInvalidXML,
		wantMsg: "a.nitf:3: invalid XML: unquoted or missing attribute value in element",
	},
	{
		name:    "bad date norm",
		in:      `<nitf><head><docdata><date.issue norm="i går"/></docdata></head></nitf>`,
		wantIs:  ErrBadDate,
		wantMsg: `a.nitf:1: bad date "i går" in date.issue norm: want ISO 8601, as 2026-03-12T10:15:00+01:00 or 20260312T101500+0100`,
	},
	{
		name:    "bad du-key version",
		in:      `<nitf><head><docdata><du-key version="v2"/></docdata></head></nitf>`,
		wantIs:  ErrBadField,
		wantMsg: `a.nitf:1: du-key version is "v2", want a whole number`,
	},
	{
		name:    "too large",
		in:      "<nitf><body><body.content><p>" + strings.Repeat("ord ", 600) + "</p></body.content></body></nitf>",
		wantIs:  ErrItemTooLarge,
		wantMsg: "a.nitf:1: item larger than 2048 bytes",
	},
	{
		name:    "text after the root",
		in:      "<nitf></nitf>\nmore",
		wantIs:  ErrInvalidXML,
		wantMsg: "a.nitf:2: invalid XML: text after the root element",
		want:    []string{"a"},
	},
}

func TestReadNITFErrors(t *testing.T) {
	runIPTCErrorCases(t, "a.nitf", nitfErrorCases)
}
