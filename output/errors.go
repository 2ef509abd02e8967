package output

import "errors"

// ErrMixedSet is returned (wrapped, naming the file) by VerifyDir for an
// output directory whose files are not the set its manifest lists.
var ErrMixedSet = errors.New("output: files of different runs")
