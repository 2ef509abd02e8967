package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
)

// Lang is a language code: "da", "nb", "sv", "en", or "" (unknown).
type Lang string

// The languages neardup stems.
const (
	Danish    Lang = "da" // Danish
	Norwegian Lang = "nb" // Norwegian Bokmål (Nynorsk is parsed to it too)
	Swedish   Lang = "sv" // Swedish
	English   Lang = "en" // English
)

// ResolveLang is the language an article is analysed in: forced when set
// (a --lang flag), else its own code when ParseLang knows it, else the one
// DetectLang finds in body ("" when it cannot tell).
func ResolveLang(forced Lang, code, body string) Lang {
	if forced != "" {
		return forced
	}
	if l := ParseLang(code); l != "" {
		return l
	}
	return DetectLang(body)
}

// ParseLang maps a language code to a Lang, ignoring case: "da" and "dan"
// give Danish; "nb", "no", "nor", "nn", "nob" and "nno" give Norwegian; "sv" and
// "swe" give Swedish; "en" and "eng" give English. Region subtags are
// ignored ("en-GB", "nb_NO"). Any other code gives "".
func ParseLang(s string) Lang {
	if i := strings.IndexAny(s, "-_"); i >= 0 {
		s = s[:i]
	}
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "da", "dan":
		return Danish
	case "nb", "no", "nor", "nn", "nob", "nno":
		return Norwegian
	case "sv", "swe":
		return Swedish
	case "en", "eng":
		return English
	}
	return ""
}

// Indexes of the scores DetectLang keeps.
const (
	voteDA = iota
	voteNB
	voteSV
	voteEN
	voteOther // languages neardup does not stem: Icelandic, German, ...
	numVotes
)

// voteLangs maps vote indexes to languages.
var voteLangs = [numVotes]Lang{Danish, Norwegian, Swedish, English, ""}

// votes is evidence for each language. A word that is frequent in k
// languages gives each of them voteUnit/k.
type votes [numVotes]int32

// voteUnit is the weight of a word that only one language uses; it is a
// multiple of 1, 2, 3, 4 and 5 so that shared words split it evenly.
const voteUnit = 60

// minDetectWords is the number of recognised words below which DetectLang
// does not guess.
const minDetectWords = 3

// DetectLang guesses the language of text among Danish, Norwegian Bokmål,
// Swedish and English. It returns "" when there is too little evidence:
// fewer than three recognised words, a tie, or text in another language
// (for example Icelandic or German).
//
// Each word, folded as Fold does, votes for the languages whose lists of
// frequent function words hold it (shared words split their vote), or,
// when it is in no list, for the languages its spelling points to: ä and ö
// for Swedish, æ and ø for Danish and Norwegian, ð and þ for neither,
// Danish -hed, øj and ej against Norwegian -sjon, øy, kj and ei. It is
// safe for concurrent use.
func DetectLang(text string) Lang {
	var d langDetector
	for i := 0; ; {
		start, end := wbNextWord(text, i)
		if start == len(text) {
			break
		}
		i = end
		d.add(d.fold(text[start:end]))
	}
	return d.result()
}

// langDetector adds up the votes of the words of one text.
type langDetector struct {
	sum   votes
	words int    // words that voted
	buf   []byte // scratch for folding
	caser *cases.Caser
}

// add counts the votes of a folded word.
func (d *langDetector) add(w []byte) {
	v, ok := langWords[string(w)]
	if !ok {
		v, ok = spellingVotes(w)
		if !ok {
			return
		}
	}
	d.words++
	for i, x := range v {
		d.sum[i] += x
	}
}

// result returns the language with the most votes, or "" when the
// evidence is too thin or not for one of the four languages.
func (d *langDetector) result() Lang {
	if d.words < minDetectWords {
		return ""
	}
	best, second := 0, -1
	for i := 1; i < numVotes; i++ {
		switch {
		case d.sum[i] > d.sum[best]:
			best, second = i, best
		case second < 0 || d.sum[i] > d.sum[second]:
			second = i
		}
	}
	if d.sum[best] == d.sum[second] {
		return ""
	}
	return voteLangs[best]
}

// fold returns word folded as Fold folds it, in a buffer that the next
// call reuses. Words of ASCII and Latin-1 letters take a fast path.
func (d *langDetector) fold(word string) []byte {
	b, ok := foldLatin1(d.buf[:0], word)
	if !ok {
		if d.caser == nil {
			c := cases.Fold()
			d.caser = &c
		}
		b = append(b[:0], foldString(word, *d.caser)...)
	}
	d.buf = b
	return b
}

// foldLatin1 appends word, which holds no white space, folded as Fold
// folds it to dst when all its characters are below U+0100, and reports
// whether they were. Text made of such characters is already NFC, and its
// full case folding is lowering but for ß → ss and µ → μ.
func foldLatin1(dst []byte, word string) ([]byte, bool) {
	for i := 0; i < len(word); i++ {
		c := word[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			continue
		}
		if c != 0xC2 && c != 0xC3 || i+1 == len(word) || word[i+1]&0xC0 != 0x80 {
			return dst, false
		}
		r := rune(c&0x1F)<<6 | rune(word[i+1]&0x3F)
		i++
		switch r {
		case 0xAD: // soft hyphen: dropped
		case 0xDF:
			dst = append(dst, "ss"...)
		case 0xB5:
			dst = append(dst, "μ"...)
		case 0xAB, 0xBB:
			dst = append(dst, '"')
		case 0x85, 0xA0: // white space
			return dst, false
		default:
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
	}
	return dst, true
}

// Frequent words of each language, most of them function words. A word in
// several lists is shared evidence; the words that tell Danish from
// Norwegian (af/av, efter/etter, nu/nå, blev/ble, havde/hadde, meget/mye,
// noget/noe, sig/seg, ud/ut, op/opp, mod/mot, uden/uten ...) are the ones
// that matter most.
const (
	danishWords = `af efter nu blev havde mellem meget hvad nogle nogen noget
	være været sig dig mig os ud op bliver blive blevet siger sagde også ikke
	jeg du og at i på til fra med for om men eller når hvis hvor hvordan
	hvorfor hvem hvilken hvilke hvilket selv skal skulle vil ville kan kunne
	må måtte har her hos mod uden gennem igen endnu måske altid aldrig sådan
	sådanne lidt mere mest end jer jeres vores vor vort hendes deres hans hun
	han sin sit sine fik gik tog gjorde gøre gør får går tager kommer kom
	siden blandt desuden tilbage procent regeringen den det de dem der som en
	et man da så alle anden andet andre hver hvert ingen intet heller egen
	eget egne første sidste stor store lille små år dag dage tid gang gange
	godt dog jo nok vel sammen samme hele helt kun bare ifølge fordi derfor
	mens både mange flere færre folk mennesker tror synes fortæller fortalt
	ændret arbejde arbejder hjælpe hjælp spørgsmål sige sagt løbet vigtig
	vigtigt nemlig tidligere senere bag ved over under omkring uge ugen uger
	to by ind inden hjem nye ny hvorefter vej nej
	øjeblikket næste mændene kvinder børn var er min mit mine din dit dine
	dette disse barn tre rundt inde ude begyndte begynder begynde gerne
	fortsat nyt desværre næsten længe alligevel giver give gav
	spurgte haft fundet givet taget tyve tredive fyrre hundrede tusind maj
	marts december chef selskab selskabet folketinget penge kvinde mand
	mænd hjælper vi allerede`

	norwegianWords = `av etter nå ble hadde mellom mye noen noe ut opp blir bli
	blitt sier sa også ikke jeg du og at i på til fra med for om men eller
	når hvis hvor hvordan hvorfor hvem hvilken hvilke hvilket selv skal
	skulle vil ville kan kunne må måtte har her hos mot uten gjennom igjen
	ennå enda kanskje alltid aldri slik slike sånn litt lite mer mest enn
	dere deres vår vårt våre hennes hans hun han sin sitt sine fikk gikk tok
	gjorde gjøre gjør får går tar kommer kom siden blant dessuten tilbake
	prosent regjeringen den det de dem der som en et ei man da så alle annen
	annet andre hver hvert ingen intet heller egen eget egne første siste
	stor store lille små år dag dager tid gang ganger godt jo nok vel sammen
	samme hele helt kun bare ifølge fordi derfor mens både mange flere færre
	folk mennesker tror synes forteller fortalt endret arbeid arbeider
	hjelpe hjelp spørsmål si sagt løpet viktig viktige nemlig tidligere
	senere bak ved over under rundt uke uken uker heter seg deg meg oss vært
	fått gått tatt sett hatt veldig fortsatt ikkje eit ein dei kva korleis
	to by inn inne hjem nye ny vei nei øyeblikket neste mennene kvinner barn
	var er min mitt mine din ditt dine dette disse tre være å ute oppe
	begynte begynner begynne gjerne nytt dessverre nesten lenge likevel gir
	gi ga spurte funnet gitt tjue tretti førti hundre tusen mai mars
	desember sjef selskap selskapet stortinget penger kvinne mann menn vet
	dersom vi allerede`

	swedishWords = `och att är inte som för med det på av till från också
	eller när har hade blev skulle än där sig jag du han hon vi de den dem
	men om så vara varit blir bli blivit kan kunde ska skall vill ville
	måste mycket nu här hur vad vilken vilket vilka efter sedan mellan utan
	inom något några någon dessa denna detta bara även under över åt ut upp
	sin sitt sina hans hennes deras vår vårt våra min mitt mina dig mig oss
	ett en kommer säger sade sa får går tar gjorde göra gör
	procent regeringen alla andra annan annat själv samma hela helt redan
	dock inga ingen inget varje många fler flera människor tror tycker mot
	vid enligt eftersom därför medan både år dag dagar tid gång gånger bra
	nya ny stora stor små igen alltid aldrig kanske lite mer mest man ju väl
	i in idag tre två barn kvinnor var`

	englishWords = `the of and to a in is that for it with was on as by at
	from he she they be are were been has have had not but or an this which
	his her their its will would said says who what when there can more
	also about after than into up out one two over new our we you them him
	these those some other people year years could should may if no so all
	just like time first last because while where how then now only such
	most many any made make being before between during under against since
	well still very told cent percent million billion government
	three four five six seven eight nine ten below company shares share
	vs mln bln cts shr shrs dlrs loss sales revs qtly div avg`

	// otherWords are frequent words of languages DetectLang does not
	// report, so that their text does not pass for one it does.
	otherWords = `und die das nicht ist ein eine auf sich auch von für wird
	sind wir dem des zu eines einer über het een van niet zijn ook maar voor
	dat wordt að á í um við hann hún það ekki sem fyrir með frá eða þeir
	hafa ole että mutta hän oli ovat`
)

// langWords maps each listed word to its votes. It is built once.
var langWords = func() map[string]votes {
	lists := [numVotes]string{danishWords, norwegianWords, swedishWords, englishWords, otherWords}
	langs := map[string][]int{}
	for v, list := range lists {
		for _, w := range strings.Fields(list) {
			if l := langs[w]; len(l) == 0 || l[len(l)-1] != v {
				langs[w] = append(l, v)
			}
		}
	}
	m := make(map[string]votes, len(langs))
	for w, ls := range langs {
		var v votes
		for _, l := range ls {
			v[l] = voteUnit / int32(len(ls))
		}
		m[w] = v
	}
	return m
}()

// Spelling cues that spellingVotes looks for.
const (
	cueOther = 1 << iota // ð þ: Icelandic, Faroese
	cueSV                // ä ö
	cueDANB              // æ ø
	cueDA                // øj ej: Danish høj, vej where Norwegian has høy, vei
	cueNB                // øy kj ei sjon: Norwegian høy, kjøre, vei, situasjon
)

// spellingCues returns the cues in the folded word w.
func spellingCues(w []byte) int {
	cues := 0
	for i := 0; i < len(w); i++ {
		switch w[i] {
		case 0xC3:
			if i+1 == len(w) {
				break
			}
			switch w[i+1] {
			case 0xB0, 0xBE: // ð þ
				cues |= cueOther
			case 0xA4, 0xB6: // ä ö
				cues |= cueSV
			case 0xA6: // æ
				cues |= cueDANB
			case 0xB8: // ø
				cues |= cueDANB
				if i+2 < len(w) && w[i+2] == 'j' {
					cues |= cueDA
				} else if i+2 < len(w) && w[i+2] == 'y' {
					cues |= cueNB
				}
			}
		case 'j':
			if i > 0 && w[i-1] == 'e' {
				cues |= cueDA
			} else if i > 0 && w[i-1] == 'k' {
				cues |= cueNB
			}
		case 'i':
			if i > 0 && w[i-1] == 'e' {
				cues |= cueNB
			}
		case 'n':
			if i >= 3 && string(w[i-3:i]) == "sjo" {
				cues |= cueNB
			}
		}
	}
	return cues
}

// spellingVotes returns the votes of a folded word that is in no list,
// from its letters and endings, and whether it has any.
func spellingVotes(w []byte) (votes, bool) {
	var v votes
	s := string(w) // the compiler does not copy for these calls
	cues := spellingCues(w)
	switch {
	case cues&cueOther != 0:
		v[voteOther] = voteUnit
	case cues&cueSV != 0:
		v[voteSV] = voteUnit
	case cues&cueDA != 0 || hasSuffixes(s, "hed", "heden", "heder", "hedens"):
		v[voteDA] = voteUnit
	case strings.HasSuffix(s, "ede"): // Danish past tense; Norwegian has -et, -te
		v[voteDA] = voteUnit / 2
	case cues&cueNB != 0:
		v[voteNB] = voteUnit
	case hasSuffixes(s, "het", "heten", "heter"):
		v[voteNB], v[voteSV] = voteUnit/2, voteUnit/2
	case cues&cueDANB != 0:
		v[voteDA], v[voteNB] = voteUnit/2, voteUnit/2
	default:
		return v, false
	}
	return v, true
}

// hasSuffixes reports whether s ends in one of suffixes.
func hasSuffixes(s string, suffixes ...string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}
