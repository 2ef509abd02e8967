package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var errBoom = errors.New("boom")

// atomicCases are the Write cases.
var atomicCases = []struct {
	name    string
	old     *string // content before the write; nil means no file
	write   func(w io.Writer) error
	wantErr error
	want    *string // content after; nil means no file
}{
	{
		name:  "new file",
		write: writeString("ny\nfil\n"),
		want:  ptr("ny\nfil\n"),
	},
	{
		name:  "replace",
		old:   ptr("gammel"),
		write: writeString("ny"),
		want:  ptr("ny"),
	},
	{
		name:  "empty",
		old:   ptr("gammel"),
		write: func(io.Writer) error { return nil },
		want:  ptr(""),
	},
	{
		name: "write error keeps the old file",
		old:  ptr("gammel"),
		write: func(w io.Writer) error {
			if _, err := io.WriteString(w, strings.Repeat("halvt skrevet ", 10000)); err != nil { // past the buffer
				return err
			}
			return errBoom
		},
		wantErr: errBoom,
		want:    ptr("gammel"),
	},
	{
		name:    "write error leaves no file",
		write:   func(io.Writer) error { return errBoom },
		wantErr: errBoom,
	},
}

func TestWriteFileAtomic(t *testing.T) {
	for _, tt := range atomicCases {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "out.jsonl")
			if tt.old != nil {
				if err := os.WriteFile(path, []byte(*tt.old), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			err := Write(path, tt.write)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Write error = %v, want %v", err, tt.wantErr)
			}
			mode := os.FileMode(0o644)
			if tt.wantErr != nil {
				mode = 0o600 // the old file, untouched
			}
			checkOnlyFile(t, path, tt.want, mode)
		})
	}
}

// checkOnlyFile checks that path holds want (nil: does not exist) with the
// given permissions, and that its directory holds nothing else.
func checkOnlyFile(t *testing.T, path string, want *string, mode os.FileMode) {
	t.Helper()
	wantNames := []string{}
	if want != nil {
		wantNames = []string{filepath.Base(path)}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(*want, string(got)); diff != "" {
			t.Errorf("content mismatch (-want +got):\n%s", diff)
		}
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != mode {
			t.Errorf("mode = %v, want %v", fi.Mode().Perm(), mode)
		}
	}
	if diff := cmp.Diff(wantNames, dirNames(t, filepath.Dir(path))); diff != "" {
		t.Errorf("files in dir mismatch (-want +got):\n%s", diff)
	}
}

func TestWriteFileAtomicNoDir(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing", "out.txt")
	called := false
	err := Write(path, func(io.Writer) error { called = true; return nil })
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Write error = %v, want one wrapping os.ErrNotExist", err)
	}
	if called {
		t.Error("write was called although no temp file could be made")
	}
}

func TestWriteFileAtomicLarge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.txt")
	want := make([]byte, 1<<20+3) // more than the buffer, so Flush is not the only write
	for i := range want {
		want[i] = byte('a' + i%26)
	}
	err := Write(path, func(w io.Writer) error {
		for i := 0; i < len(want); i += 1000 {
			if _, err := w.Write(want[i:min(i+1000, len(want))]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("content mismatch (-want +got):\n%s", diff)
	}
}

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := io.WriteString(w, s)
		return err
	}
}

func ptr(s string) *string { return &s }

// dirNames lists the names in dir, hidden ones included, sorted.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	names := []string{}
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}
