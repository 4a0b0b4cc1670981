package harness

import "testing"

func TestParseSummary(t *testing.T) {
	cases := []struct {
		out  string
		want Summary
		ok   bool
	}{
		{"noop_cluster.c[1]: Creation complete\n\nApply complete! Resources: 100 added, 0 changed, 0 destroyed.\n", Summary{Added: 100}, true},
		{"Apply complete! Resources: 0 added, 10 changed, 0 destroyed.", Summary{Changed: 10}, true},
		{"Destroy complete! Resources: 1000 destroyed.\n", Summary{Destroyed: 1000}, true},
		{"No changes. Your infrastructure matches the configuration.", Summary{}, false},
		{"Error: something\n", Summary{}, false},
	}
	for _, c := range cases {
		got, ok := ParseSummary([]byte(c.out))
		if got != c.want || ok != c.ok {
			t.Errorf("ParseSummary(%q) = %+v, %v; want %+v, %v", c.out, got, ok, c.want, c.ok)
		}
	}
}

func TestTail(t *testing.T) {
	if got := Tail([]byte("a\nb\nc\n"), 2); got != "b\nc" {
		t.Errorf("Tail = %q", got)
	}
	if got := Tail([]byte("a"), 5); got != "a" {
		t.Errorf("Tail = %q", got)
	}
}
