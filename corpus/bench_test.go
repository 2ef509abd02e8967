package corpus

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
)

// benchJSONL returns n JSONL articles of about size bytes each.
func benchJSONL(n, size int) []byte {
	para := "Fiskerne i Hvide Sande landede i går den største fangst af sild i ti år, oplyser havnen. "
	body := strings.Repeat(para, size/len(para))
	var buf bytes.Buffer
	for i := range n {
		fmt.Fprintf(&buf, `{"id":"a-%d","title":"Rekordfangst","body":%q,"date":"2023-09-14T07:56:00Z","lang":"da"}`+"\n", i, body)
	}
	return buf.Bytes()
}

func BenchmarkReadJSONL(b *testing.B) {
	for _, n := range []int{100, 1000} {
		data := benchJSONL(n, 3000)
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			b.ReportMetric(float64(len(data)), "input-bytes/op")
			for b.Loop() {
				opts := ReadOptions{Stdin: bytes.NewReader(data)}
				if _, err := Read(context.Background(), []string{"-"}, opts, func(Article) error { return nil }); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkReadCorpus reads the corpus named by NEARDUP_BENCH_CORPUS (any
// Read input: a directory, a .txt or .jsonl file).
func BenchmarkReadCorpus(b *testing.B) {
	path := os.Getenv("NEARDUP_BENCH_CORPUS")
	if path == "" {
		b.Skip("NEARDUP_BENCH_CORPUS is not set")
	}
	b.ReportAllocs()
	for b.Loop() {
		var bytes int
		_, err := Read(context.Background(), []string{path}, ReadOptions{}, func(a Article) error {
			bytes += len(a.Body)
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(bytes), "body-bytes/op")
	}
}
