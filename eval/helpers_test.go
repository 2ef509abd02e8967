package eval

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
)

// truthJSON returns one truth line. Each para is a kind, optionally
// followed by ":" and comma-separated origins: "text:o1,o2", "credit".
func truthJSON(t testing.TB, id, story string, paras ...string) string {
	t.Helper()
	type para struct {
		Index   int      `json:"index"`
		Kind    string   `json:"kind"`
		Origins []string `json:"origins"`
		Edit    float64  `json:"edit"`
	}
	ps := make([]para, len(paras))
	for i, s := range paras {
		k, origins, _ := strings.Cut(s, ":")
		ps[i] = para{Index: i, Kind: k, Origins: splitList(origins)}
	}
	return marshal(t, map[string]any{"id": id, "story": story, "role": "wire", "paragraphs": ps})
}

// predJSON returns one predictions line. Each para is a status, optionally
// followed by ">" and comma-separated matches "id#index": "shared>a#0,b#2".
func predJSON(t testing.TB, id, story string, paras ...string) string {
	t.Helper()
	type match struct {
		ID         string  `json:"id"`
		Index      int     `json:"index"`
		Similarity float64 `json:"similarity"`
	}
	type para struct {
		Index   int     `json:"index"`
		Status  string  `json:"status"`
		Matches []match `json:"matches"`
	}
	ps := make([]para, len(paras))
	for i, s := range paras {
		status, list, _ := strings.Cut(s, ">")
		ps[i] = para{Index: i, Status: status, Matches: []match{}}
		for _, m := range splitList(list) {
			mid, idx, _ := strings.Cut(m, "#")
			n, err := strconv.Atoi(idx)
			if err != nil {
				t.Fatalf("bad match %q: %v", m, err)
			}
			ps[i].Matches = append(ps[i].Matches, match{ID: mid, Index: n, Similarity: 1})
		}
	}
	return marshal(t, map[string]any{
		"id": id, "story": story, "canonical": false, "similarity": 0.5,
		"lang": "en", "credits": []string{}, "paragraphs": ps,
	})
}

// splitList splits a comma-separated list; "" is the empty list.
func splitList(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}

// marshal returns v as one line of JSON.
func marshal(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	return string(b)
}

// mustReadTruth parses lines as a truth file.
func mustReadTruth(t testing.TB, lines ...string) *Truth {
	t.Helper()
	tr, err := ReadTruth(strings.NewReader(strings.Join(lines, "\n")), "truth.jsonl")
	if err != nil {
		t.Fatalf("ReadTruth: %v", err)
	}
	return tr
}

// mustReadPredictions parses lines as a predictions file.
func mustReadPredictions(t testing.TB, lines ...string) *Predictions {
	t.Helper()
	p, err := ReadPredictions(strings.NewReader(strings.Join(lines, "\n")), "articles.jsonl")
	if err != nil {
		t.Fatalf("ReadPredictions: %v", err)
	}
	return p
}
