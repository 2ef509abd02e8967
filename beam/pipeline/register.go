package pipeline

import (
	"context"
	"reflect"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
)

// The DoFns, their emitters, iterators and element types, registered so
// that a worker (another process, on a remote runner) finds them by name
// and calls them without reflection.
func init() {
	for _, t := range []reflect.Type{reflect.TypeFor[fileInput](), reflect.TypeFor[fileCount](), reflect.TypeFor[fileArticle]()} {
		beam.RegisterType(t)
	}
	register.DoFn4x1[context.Context, fileInput, func(fileArticle), func(fileCount), error](&readFn{})
	register.DoFn3x1[fileArticle, func(*fileCount) bool, func(uint32, []byte), error](&numberFn{})
	register.Function2x1(checkIDsFn)
	register.DoFn9x1[context.Context, uint32, []byte, func(uint32, []byte), func(uint32, string), func(uint32, []byte), func(uint64, uint32), func(string, uint32), func(string, uint32), error](&analyzeFn{})
	register.DoFn3x0[uint32, []byte, func(int, []byte)](&batchKeysFn{})
	register.DoFn4x1[context.Context, int, func(*[]byte) bool, func(int, []byte), error](&bucketsFn{})
	register.DoFn4x1[context.Context, int, func(*[]byte) bool, func(uint32, uint32), error](&pairsFn{})
	register.DoFn3x0[uint64, func(*uint32) bool, func(uint64)](&suspectsFn{})
	register.DoFn4x1[uint32, []byte, func(*uint64) bool, func(uint64, []byte), error](&holdersFn{})
	register.DoFn5x1[context.Context, uint64, func(*[]byte) bool, func(*uint64) bool, func(uint64), error](&furnitureFn{})
	register.DoFn4x1[uint32, []byte, func(*uint64) bool, func(uint32, []byte), error](&markFn{})
	register.Function4x1(joinBFn)
	register.DoFn5x1[context.Context, uint32, func(*[]byte) bool, func(*[]byte) bool, func([]byte), error](&verifyFn{})
	register.Function3x0(itemFn)
	register.Function5x1(clusterFn)
	register.DoFn8x1[context.Context, uint32, func(*[]byte) bool, func(*string) bool, func(*[]byte) bool, func(uint32, []byte), func(int, []byte), func(int, []byte), error](&assembleFn{})
	register.DoFn5x1[context.Context, uint32, func(*[]byte) bool, func(int, []byte), func(int, []byte), error](&alignFn{})
	register.DoFn3x1[context.Context, int, func(*[]byte) bool, error](&writeShardFn{})

	register.Emitter1[fileArticle]()
	register.Emitter1[fileCount]()
	register.Emitter1[uint64]()
	register.Emitter1[[]byte]()
	register.Emitter2[uint32, []byte]()
	register.Emitter2[uint32, string]()
	register.Emitter2[uint64, uint32]()
	register.Emitter2[string, uint32]()
	register.Emitter2[int, []byte]()
	register.Emitter2[uint32, uint32]()
	register.Emitter2[uint64, []byte]()
	register.Iter1[fileCount]()
	register.Iter1[uint32]()
	register.Iter1[uint64]()
	register.Iter1[[]byte]()
	register.Iter1[string]()
}
