package index_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/neardup/neardup/corpus"
	"github.com/neardup/neardup/index"
)

// wire, republished and other are a wire story, an outlet's copy of it
// with a new lead, and an unrelated story.
var examples = []corpus.Article{
	{ID: "wire", Lang: "en", Title: "Harbour floods", Body: "The harbour in Esbjerg flooded at dawn and forty homes were evacuated by the fire service.\n\n" +
		"The mayor said the sea wall had been raised in 2019 but the storm surge was higher.\n\n(Reuters)"},
	{ID: "republished", Lang: "en", Title: "Families spend night in school", Body: "Families slept in a school gym after the water came.\n\n" +
		"The harbour in Esbjerg flooded at dawn and forty homes were evacuated by the fire service.\n\n" +
		"The mayor said the sea wall had been raised in 2019 but the storm surge was higher."},
	{ID: "other", Lang: "en", Title: "Council approves budget", Body: "The council approved next year's budget on Tuesday after a long debate.\n\n" +
		"Schools and the harbour office get more money; the sports hall will wait."},
}

func ExampleOpen() {
	dir, err := os.MkdirTemp("", "neardup-example-")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	x, err := index.Open(filepath.Join(dir, "idx"), index.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer x.Close()
	read := corpus.Slice(examples)
	rep, err := x.Add(context.Background(), read, index.AddOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("added %d articles in %d stories\n", rep.Added, rep.NewStories)
	res, err := x.Search(context.Background(), index.SearchRequest{Query: "harbour"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range res.Stories {
		fmt.Printf("%s: %d version(s), canonical %q\n", s.Story, s.Versions, s.Title)
	}
	// Output:
	// added 3 articles in 2 stories
	// s:wire: 2 version(s), canonical "Harbour floods"
	// s:other: 1 version(s), canonical "Council approves budget"
}

func ExampleIndex_Similar() {
	dir, err := os.MkdirTemp("", "neardup-example-")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	x, err := index.Open(filepath.Join(dir, "idx"), index.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer x.Close()
	read := corpus.Slice([]corpus.Article{examples[0], examples[2]})
	if _, err := x.Add(context.Background(), read, index.AddOptions{}); err != nil {
		fmt.Println(err)
		return
	}
	sim, err := x.Similar(&examples[1], "")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("belongs to", sim.Story)
	for _, v := range sim.Versions {
		fmt.Printf("%s similarity %.2f, shared paragraphs %v\n", v.ID, v.Similarity, v.Shared)
	}
	// Output:
	// belongs to s:wire
	// wire similarity 0.87, shared paragraphs [{1 0 1} {2 1 1}]
}
