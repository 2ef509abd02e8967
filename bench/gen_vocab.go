package bench

import (
	"math"
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The vocabulary of one language is a rank list: the frequent words of
// langSpec.function first, in their order, then genContentWords synthetic
// content words built from the language's syllables, with genNames
// capitalised names and places spread over the first ranks of them. Words
// are drawn with the Zipf–Mandelbrot law p(k) ∝ 1/(k+genZipfShift)^genZipfExp
// (k = 1, 2, …), which puts the most frequent word at about 5% of the
// tokens, the top 150 at about half, as in running text.
const (
	genContentWords = 50000
	genNames        = 300
	genNameStride   = 40 // one name every genNameStride content ranks
	genZipfExp      = 1.05
	genZipfShift    = 1.5
	genGuide        = 4096 // buckets of the guide table that speeds up draws
)

// langSpec describes one language: its frequent words, how its content
// words and names sound, and the fixed phrases of its news.
type langSpec struct {
	code     string     // "da", "nb", "sv" or "en"
	seed     uint64     // fixed seed of the vocabulary, independent of GenOptions.Seed
	function []string   // frequent words, most frequent first
	phrases  [][]string // stock phrases, most frequent first
	onsets   []string   // syllable parts; "_" stands for an empty part
	nuclei   []string
	codas    []string
	suffixes []string // endings of content words
	nameEnds []string // endings of names and places
	credits  []string // agency credit lines
	ads      []string // ad markers dropped into republished copies
	agency   string   // source of agency copy
	outlets  []string // sources of republished copies
	decimal  string   // decimal separator
	percent  string   // the word after a percentage
	million  string   // the word after a number of millions
	currency string   // the word after an amount
}

// genLangCodes lists the languages Generate knows, in a fixed order.
func genLangCodes() []string { return []string{"en", "nb", "da", "sv"} }

// genSpec returns the specification of language code.
func genSpec(code string) (langSpec, bool) {
	switch code {
	case "da":
		return danish(), true
	case "nb":
		return bokmal(), true
	case "sv":
		return swedish(), true
	case "en":
		return english(), true
	}
	return langSpec{}, false
}

func danish() langSpec {
	return langSpec{
		code: "da", seed: 0xda01,
		function: strings.Fields(`og i at det er en til på som de med af for ikke der var han den har om
			vi et men så fra kan eller hun nu over efter også skal blev år have sig ved man jeg da når sin
			hvor under mod mere end kunne være alle hans dem meget blive op ud ind hvis havde selv hele
			mellem siden store første nye to tre mange godt sagde siger ifølge skulle ville bliver andre
			dette disse denne hvad hvordan kun igen allerede stadig samme helt lige netop uden inden
			omkring flere mest mindre sidste senere dag tid måde del sted land regeringen danske procent
			kroner millioner politiet minister landet byen blevet været får fik gør gjort tror mener viser
			kommer kom går gik står stod tager tog giver gav sidder ligger holder skriver bør må hos
			blandt både enten fordi mens før derfor dog altså faktisk måske aldrig altid ofte ingen nogen
			noget nogle hver vores deres hendes min din sit sine børn folk kommune sager`),
		onsets:   strings.Fields(`_ _ b d f g h j k l m n p r s t v bl br dr fl fr gl gr kl kn kr pl pr sk skr sl sm sn sp st str sv tr`),
		nuclei:   strings.Fields(`a a e e e i o u y æ ø å`),
		codas:    strings.Fields(`_ _ _ n r l s t d g k m nd ng nk st rt ld ls ns rk lt ft gt rn`),
		suffixes: strings.Fields(`en et er ene ing else hed lig isk ning ende`),
		nameEnds: strings.Fields(`sen by rup holm strand lund bjerg gaard`),
		credits:  []string{"/ritzau/", "/ritzau/Reuters"},
		ads:      []string{"Artiklen fortsætter under annoncen", "Annonce:"},
		agency:   "ritzau",
		outlets:  strings.Fields(`kystposten byavisen vestbladet midtnyt nordavisen dagnyt`),
		phrases: genPhrases(`det er ikke|i forbindelse med|på grund af|for at få|det er en|i løbet af|der er ikke|har været|
			med til at|en af de|i forhold til|at det er|for eksempel|på den måde|i dag|til gengæld|ifølge politiet|mere end|
			efter at have|som følge af|blandt andet|i øjeblikket|på samme tid|kan ikke|så mange som|i de seneste år`),
		decimal: ",", percent: "procent", million: "millioner", currency: "kroner",
	}
}

func bokmal() langSpec {
	return langSpec{
		code: "nb", seed: 0x0b01,
		function: strings.Fields(`og i det er som på en til av at for med har de ikke den han om et var
			fra men vi kan seg jeg så også etter hun skal eller ble når ved hadde bli år nå over sin blir
			alle må mot under mer enn kunne være hans dem mye opp ut inn hvis selv hele mellom siden store
			første nye to tre mange godt sa sier ifølge skulle ville andre dette disse denne hva hvordan
			bare igjen allerede fortsatt samme helt like nettopp uten før rundt flere mest mindre siste
			senere dag tid måte del sted land regjeringen norske prosent kroner millioner politiet
			statsråd landet byen blitt vært får fikk gjør gjort tror mener viser kommer kom går gikk står
			sto tar tok gir ga sitter ligger holder skriver bør hos blant både enten fordi mens derfor
			likevel altså faktisk kanskje aldri alltid ofte ingen noen noe hver vår deres hennes min din
			sitt sine barn folk kommune fylket saken`),
		onsets:   strings.Fields(`_ _ b d f g h j k l m n p r s t v bl br dr fl fr gl gr kj kl kn kr pl pr sk skj sl sm sn sp st str sv tr`),
		nuclei:   strings.Fields(`a a e e e i o u y æ ø å ei au`),
		codas:    strings.Fields(`_ _ _ n r l s t d g k m nd ng nk st rt ld ls ns rk lt ft kt rn`),
		suffixes: strings.Fields(`en et er ene ing else het lig isk ning ende`),
		nameEnds: strings.Fields(`sen vik dal heim stad by land berg`),
		credits:  []string{"(©NTB)", "NTB"},
		ads:      []string{"Saken fortsetter under annonsen", "Annonse"},
		agency:   "ntb",
		outlets:  strings.Fields(`fjordposten byavisa vestlandsnytt nordposten dagnytt kystavisa`),
		phrases: genPhrases(`det er ikke|i forbindelse med|på grunn av|for å få|det er en|i løpet av|det er ingen|har vært|
			med på å|en av de|i forhold til|at det er|for eksempel|på den måten|i dag|til gjengjeld|ifølge politiet|mer enn|
			etter å ha|som følge av|blant annet|for øyeblikket|på samme tid|kan ikke|så mange som|de siste årene`),
		decimal: ",", percent: "prosent", million: "millioner", currency: "kroner",
	}
}

func swedish() langSpec {
	return langSpec{
		code: "sv", seed: 0x5e01,
		function: strings.Fields(`och i att det som en på är av för med till den har de inte om ett var
			jag han men så från vi kan sig också efter hon ska eller blev när vid hade bli år nu över sin
			blir alla måste mot under mer än kunde vara hans dem mycket upp ut in själv hela mellan sedan
			stora första nya två tre många bra sa säger enligt skulle ville andra detta dessa denna vad
			hur bara igen redan fortfarande samma helt lika precis utan innan runt fler mest mindre sista
			senare dag tid sätt del plats land regeringen svenska procent kronor miljoner polisen minister
			landet staden blivit varit får fick gör gjort tror menar visar kommer kom går gick står stod
			tar tog ger gav sitter ligger håller skriver bör hos bland både varken antingen eftersom
			medan därför ändå alltså faktiskt kanske aldrig alltid ofta ingen någon något några varje vår
			deras hennes min din sitt sina barn folk kommun regionen`),
		onsets:   strings.Fields(`_ _ b d f g h j k l m n p r s t v bl br dr fl fr gl gr kl kn kr pl pr sj sk skr sl sm sn sp st str sv tj tr`),
		nuclei:   strings.Fields(`a a e e i o u y ä ö å`),
		codas:    strings.Fields(`_ _ _ n r l s t d g k m nd ng nk st rt ld ls ns rk lt ft gt rn`),
		suffixes: strings.Fields(`en et ar na ing else het lig isk ning ande are`),
		nameEnds: strings.Fields(`son berg ström sund köping holm lund gren`),
		credits:  []string{"/TT/", "(TT)"},
		ads:      []string{"Artikeln fortsätter under annonsen", "Annons:"},
		agency:   "tt",
		outlets:  strings.Fields(`kvallsposten stadsbladet vastnytt norrposten lansbladet dagsnytt`),
		phrases: genPhrases(`det är inte|i samband med|på grund av|för att få|det är en|i början av|det finns inte|har varit|
			med att|en av de|i förhållande till|att det är|till exempel|på det sättet|i dag|å andra sidan|enligt polisen|mer än|
			efter att ha|till följd av|bland annat|för närvarande|på samma gång|kan inte|så många som|de senaste åren`),
		decimal: ",", percent: "procent", million: "miljoner", currency: "kronor",
	}
}

func english() langSpec {
	return langSpec{
		code: "en", seed: 0xe101,
		function: strings.Fields(`the of and to a in that is for it on was with he as said at by be his
			from have has are an they not but this which had were its or will who been their more after
			would also one we she there new about year than two her up all out when other last first over
			into could them some so no what if people can percent million company government only time
			three years against before because most while such between under since where during being
			many then those these made told police minister country week says state just like still did
			any how our do may should us you back down off well even now per cent city officials
			according report market group including expected around through both each own very same
			another next however several early local national public former second family president
			take make part home day`),
		onsets:   strings.Fields(`_ _ b c d f g h j l m n p r s t w br cl cr dr fl gr pl pr sh sl sp st str th tr wh ch`),
		nuclei:   strings.Fields(`a a e e i o u ea ai oa ou ee oo ie`),
		codas:    strings.Fields(`_ _ n r l s t d ck nd nt st rt ng ss ll m p sh ch`),
		suffixes: strings.Fields(`s ed ing er tion ly ment ness al ity`),
		nameEnds: strings.Fields(`ton ford field son ley wood bury well`),
		credits:  []string{"(Reuters)", "Reuters"},
		ads:      []string{"Advertisement", "Story continues below advertisement"},
		agency:   "reuters",
		outlets:  strings.Fields(`daily-courier evening-post the-ledger metro-times northern-herald city-gazette`),
		phrases: genPhrases(`of the company|according to the|in the past|one of the|it is not|as well as|at the end of|
			on the other hand|in order to|for the first time|said in a statement|the number of|more than|at least|there is no|
			told reporters|this year|last year|the government said|part of the|as a result of|in recent years|
			at the same time|will not be|is expected to`),
		decimal: ".", percent: "percent", million: "million", currency: "dollars",
	}
}

// genPhrases splits a list of phrases separated by "|" into their words.
func genPhrases(list string) [][]string {
	var out [][]string
	for _, p := range strings.Split(list, "|") {
		out = append(out, strings.Fields(p))
	}
	return out
}

// genVocab is the rank list of one language with its Zipf table.
type genVocab struct {
	words []string  // by rank, most frequent first
	cum   []float64 // cum[k] = P(rank ≤ k); the last entry is 1
	guide []int32   // guide[b] = the first k with cum[k] ≥ b/genGuide
	nFunc int       // words[:nFunc] are the frequent words of the spec
	bpw   float64   // expected bytes of a drawn word plus its space
}

// newGenVocab builds the vocabulary of s. It depends on s alone, so every
// corpus in a language uses the same words.
func newGenVocab(s langSpec) *genVocab {
	rng := rand.New(rand.NewPCG(s.seed, s.seed^0x9e3779b97f4a7c15))
	seen := make(map[string]bool, genContentWords+len(s.function)+genNames)
	v := &genVocab{}
	for _, w := range s.function {
		if !seen[w] {
			seen[w] = true
			v.words = append(v.words, w)
		}
	}
	v.nFunc = len(v.words)
	names := make([]string, 0, genNames)
	for len(names) < genNames {
		w := genSyllables(rng, s, 2)
		if rng.IntN(5) < 3 {
			w += s.nameEnds[rng.IntN(len(s.nameEnds))]
		}
		if w = genCapitalise(w); !seen[w] {
			seen[w] = true
			names = append(names, w)
		}
	}
	for c := 0; c < genContentWords; {
		w := genContentWord(rng, s, c)
		if utf8.RuneCountInString(w) < 3 || seen[w] {
			continue
		}
		seen[w] = true
		v.words = append(v.words, w)
		if c++; len(names) > 0 && c%genNameStride == 0 {
			v.words, names = append(v.words, names[0]), names[1:]
		}
	}
	v.zipf()
	return v
}

// genContentWord returns a candidate content word of rank c among the
// content words: frequent ones are short, rare ones long.
func genContentWord(rng *rand.Rand, s langSpec, c int) string {
	n := 1
	switch {
	case c >= 12000:
		n = 2 + rng.IntN(2)
	case c >= 1500:
		n = 2
	}
	w := genSyllables(rng, s, n)
	if rng.IntN(5) < 2 {
		w += s.suffixes[rng.IntN(len(s.suffixes))]
	}
	return w
}

// genSyllables returns n syllables of s. The first may open with a
// cluster; later ones open with one consonant, and only the last may close
// with a cluster, which keeps the words pronounceable and short.
func genSyllables(rng *rand.Rand, s langSpec, n int) string {
	b := make([]byte, 0, 24)
	for i := range n {
		on, co := s.onsets[rng.IntN(len(s.onsets))], s.codas[rng.IntN(len(s.codas))]
		for i > 0 && (len(on) != 1 || on == "_") {
			on = s.onsets[rng.IntN(len(s.onsets))]
		}
		if i < n-1 && (len(co) > 1 || rng.IntN(2) == 0) {
			co = "_"
		}
		for _, p := range [3]string{on, s.nuclei[rng.IntN(len(s.nuclei))], co} {
			if p != "_" {
				b = append(b, p...)
			}
		}
	}
	return string(b)
}

// zipf fills v.cum and v.bpw from the Zipf–Mandelbrot weights of the ranks.
func (v *genVocab) zipf() {
	v.cum = make([]float64, len(v.words))
	var sum, bytes float64
	for k, w := range v.words {
		p := 1 / math.Pow(float64(k+1)+genZipfShift, genZipfExp)
		sum += p
		bytes += p * float64(len(w)+1)
		v.cum[k] = sum
	}
	for k := range v.cum {
		v.cum[k] /= sum
	}
	v.cum[len(v.cum)-1] = 1
	v.bpw = bytes / sum
	v.guide = make([]int32, genGuide+1)
	k := 0
	for b := range v.guide {
		for v.cum[k] < float64(b)/genGuide { // stops at the last entry, 1
			k++
		}
		v.guide[b] = int32(k)
	}
}

// rank draws a rank from the Zipf table: the first k with cum[k] ≥ u for
// a uniform u, found by binary search between the guide entries around u.
func (v *genVocab) rank(rng *rand.Rand) int {
	u := rng.Float64()
	b := int(u * genGuide)
	lo, hi := int(v.guide[b]), int(v.guide[b+1]) // the rank is in [lo, hi]
	for lo < hi {
		if m := int(uint(lo+hi) >> 1); v.cum[m] < u {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// word draws a word from the Zipf table.
func (v *genVocab) word(rng *rand.Rand) string { return v.words[v.rank(rng)] }

// contentWord draws a word that is not one of the frequent words.
func (v *genVocab) contentWord(rng *rand.Rand) string {
	for {
		if k := v.rank(rng); k >= v.nFunc {
			return v.words[k]
		}
	}
}

// genCapitalise returns w with its first letter in upper case.
func genCapitalise(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	if r == utf8.RuneError || unicode.IsUpper(r) {
		return w
	}
	return string(unicode.ToUpper(r)) + w[n:]
}
