package bench

import (
	"strings"
	"testing"
)

// genTestPara is a text paragraph whose sentences have the given origins,
// each of words words of 9 bytes with their spaces.
func genTestPara(words int, origins ...string) genPara {
	p := genPara{kind: "text"}
	for _, o := range origins {
		s := &genSentence{id: o}
		for range words {
			s.words = append(s.words, "abcdefgh")
		}
		p.sents = append(p.sents, s)
	}
	return p
}

func TestLastOwnText(t *testing.T) {
	credit := genPara{kind: "credit", text: "/ritzau/"}
	for _, tc := range []struct {
		name  string
		paras []genPara
		want  int
	}{
		{"last text paragraph", []genPara{genTestPara(5, "s1:0:0"), genTestPara(5, "s1:1:0"), genTestPara(5, "new:s1-2:2:0"), credit}, 2},
		{"quoted paragraph kept", []genPara{genTestPara(5, "s1:0:0"), genTestPara(5, "s1:1:0"), genTestPara(5, "s9:3:0"), credit}, 1},
		{"mixed paragraph kept", []genPara{genTestPara(5, "s1:0:0"), genTestPara(5, "s1:1:0", "s9:3:1")}, -1},
		{"never the lead", []genPara{genTestPara(5, "s1:0:0"), credit}, -1},
		{"prefix is the whole story id", []genPara{genTestPara(5, "s1:0:0"), genTestPara(5, "s12:1:0")}, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := lastOwnText(tc.paras, "s1"); got != tc.want {
				t.Errorf("lastOwnText = %d, want %d", got, tc.want)
			}
		})
	}
}

func TestFit(t *testing.T) {
	opt := GenOptions{Articles: 1}
	opt.SetDefaults()
	g := newGenerator(&opt, &strings.Builder{}, nil)
	l := g.langs[0]
	para := func(p int, story string) genPara { return genTestPara(20, story+":"+string(rune('0'+p))+":0") }
	var long []genPara
	for p := range 40 { // 40 × 181 bytes
		long = append(long, para(p%10, "s1"))
	}
	long[30] = para(3, "s9") // quoted from another story
	for _, tc := range []struct {
		name  string
		paras []genPara
	}{
		{"too long", long},
		{"too short", []genPara{para(0, "s1"), para(1, "s1"), {kind: "credit", text: "(NTB)"}}},
		{"in range", long[:20]},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := &genArticle{id: "s1-2", paras: tc.paras}
			before := len(a.paras)
			got := g.fit(l, "s1", a)
			size := g.bodySize(got.paras)
			if size < genMinBody || size > genMaxBody {
				t.Errorf("body of %d bytes", size)
			}
			if len(a.paras) != before {
				t.Error("fit changed its argument")
			}
			if tc.name == "in range" && got != a {
				t.Error("an article in range was copied")
			}
			quoted, last := false, got.paras[len(got.paras)-1]
			for _, p := range got.paras {
				quoted = quoted || (len(p.sents) > 0 && p.sents[0].id == "s9:3:0")
			}
			if tc.name == "too long" && !quoted {
				t.Error("the quoted paragraph was dropped")
			}
			if tc.name == "too short" && (last.kind != "credit" || !strings.HasPrefix(got.paras[2].sents[0].id, "new:s1-2:fit0")) {
				t.Errorf("new text not added before the credit line: %+v", got.paras)
			}
		})
	}
}
