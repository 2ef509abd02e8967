package state

import (
	"testing"

	"github.com/neardup/neardup/corpus"
)

// storyParas and otherParas are fictional wire paragraphs of two unrelated
// stories; stock is a passage both print word for word.
var (
	storyParas = []string{
		"Ferry traffic between Hirtshals and Larvik was halted on Monday after a fire broke out in the engine room of a cargo vessel.",
		"The shipping company said all thirty crew members were taken ashore by rescue boats and none of them was badly hurt.",
		"Harbour authorities closed the outer basin while divers inspected the hull for damage below the waterline late into the evening.",
		"Passengers booked on the evening departure were offered seats on a later crossing or a full refund of their tickets.",
		"Police have opened an investigation into the cause of the fire, which started during routine maintenance work on a generator.",
	}
	otherParas = []string{
		"The regional council approved a new cycle path along the western coast road after three years of debate among local residents.",
		"Construction is expected to start next spring and the first twelve kilometres should be ready before the summer season of next year.",
		"Farmers along the route had objected to the loss of field margins but accepted compensation offered by the council in March.",
		"Tourism officials hope the path will draw more visitors to the small fishing villages between the two larger market towns.",
		"The cost of the project is put at sixty million kroner, of which the state will pay about one third from a national fund.",
	}
	stock = "Weather services warned that strong winds from the north-west would continue along the whole coast until late on Wednesday night."
)

// TestSimilarAppliesThePassageRule checks that the state's candidate
// lookup keeps to the passage rule of dedupe.Buckets: an article sharing one
// stock passage with a stored one is not a candidate, a version sharing
// several passages is.
func TestSimilarAppliesThePassageRule(t *testing.T) {
	s, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	prepareCommit(t, s, corpus.Article{ID: "ferry", Lang: "en", Body: join(append([]string{stock}, storyParas...)...)})
	for _, tc := range []struct {
		name string
		body string
		want int
	}{
		{"one stock passage", join(append([]string{stock}, otherParas...)...), 0},
		{"a version keeping three passages", join("A new lead paragraph on the ferry fire written by the desk for the evening edition of the paper.", storyParas[1], storyParas[2], storyParas[3], otherParas[0], otherParas[1]), 1},
	} {
		sim, err := s.Similar(&corpus.Article{ID: "query", Lang: "en", Body: tc.body}, "")
		if err != nil {
			t.Fatal(err)
		}
		if sim.Candidates != tc.want {
			t.Errorf("%s: %d candidates, want %d", tc.name, sim.Candidates, tc.want)
		}
	}
}
