package provider

import (
	"regexp"
	"testing"
)

func TestUniqueName(t *testing.T) {
	pattern := regexp.MustCompile(`^pfx-\d{20}[0-9a-f]{6}$`)
	seen := map[string]bool{}
	prev := ""
	for range 1000 {
		n := uniqueName("pfx-")
		if !pattern.MatchString(n) || len(n) != len("pfx-")+nameSuffixLength {
			t.Fatalf("uniqueName gave %q", n)
		}
		if seen[n] {
			t.Fatalf("uniqueName repeated %q", n)
		}
		seen[n] = true
		if got := namePrefixOf(n); got.ValueString() != "pfx-" {
			t.Fatalf("namePrefixOf(%q) = %s, want pfx-", n, got)
		}
		if n[:len(n)-6] < prev {
			t.Fatalf("uniqueName went back in time: %q after %q", n, prev)
		}
		prev = n[:len(n)-6]
	}
}
