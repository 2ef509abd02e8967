package output

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// ReportTexts reads the paragraphs of every version of one story back
// from a report written by WriteReport, by article ID. The report embeds
// the text of every story of two or more versions; a story of one version
// gives an empty map. It reads line by line and decodes only the story's
// own line, so it stays quick on large reports.
func ReportTexts(r io.Reader, storyID string) (map[string][]string, error) {
	key, err := json.Marshal(storyID) // escaped as WriteReport escapes it
	if err != nil {
		return nil, err
	}
	prefix := append([]byte(`{"id":`), key...)
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<30)
	for sc.Scan() {
		line := sc.Bytes()
		if !bytes.HasPrefix(line, prefix) {
			continue
		}
		var s struct {
			Versions []struct {
				ID    string `json:"id"`
				Paras []struct {
					Runs []json.RawMessage `json:"r"`
					Same []int             `json:"eq"`
				} `json:"p"`
			} `json:"v"`
		}
		if err := json.Unmarshal(bytes.TrimSuffix(line, []byte(",")), &s); err != nil {
			return nil, fmt.Errorf("report: story %s: %w", storyID, err)
		}
		texts := map[string][]string{}
		byPos := make([][]string, len(s.Versions))
		for x, v := range s.Versions {
			paras := make([]string, len(v.Paras))
			for p, para := range v.Paras {
				if para.Same != nil {
					// The same runs as an earlier paragraph: of an earlier
					// version, or earlier in this one (a repeated ad line).
					at := func(v, q int) ([]string, bool) {
						switch {
						case v == x && q < p:
							return paras, true
						case v >= 0 && v < x && q < len(byPos[v]):
							return byPos[v], true
						}
						return nil, false
					}
					if len(para.Same) != 2 {
						return nil, fmt.Errorf("report: story %s: %s ¶%d: bad reference %v", storyID, v.ID, p, para.Same)
					}
					src, ok := at(para.Same[0], para.Same[1])
					if !ok || para.Same[1] < 0 {
						return nil, fmt.Errorf("report: story %s: %s ¶%d: reference %v to no earlier paragraph", storyID, v.ID, p, para.Same)
					}
					paras[p] = src[para.Same[1]]
					continue
				}
				text, err := runsText(para.Runs)
				if err != nil {
					return nil, fmt.Errorf("report: story %s: %w", storyID, err)
				}
				paras[p] = text
			}
			byPos[x] = paras
			texts[v.ID] = paras
		}
		return texts, nil
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	return map[string][]string{}, nil
}

// runsText joins the kept and inserted runs of a paragraph: its text.
func runsText(runs []json.RawMessage) (string, error) {
	var b bytes.Buffer
	for _, raw := range runs {
		var run []json.RawMessage
		if err := json.Unmarshal(raw, &run); err != nil || len(run) == 0 {
			return "", fmt.Errorf("bad run %s", raw)
		}
		var text string
		if err := json.Unmarshal(run[0], &text); err != nil {
			return "", fmt.Errorf("bad run %s", raw)
		}
		var op int
		if len(run) == 3 {
			if err := json.Unmarshal(run[2], &op); err != nil {
				return "", fmt.Errorf("bad run %s", raw)
			}
		}
		if op != -1 {
			b.WriteString(text)
		}
	}
	return b.String(), nil
}
