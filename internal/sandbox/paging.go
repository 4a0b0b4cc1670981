package sandbox

import (
	"encoding/base64"
	"slices"
	"strings"
)

// Paging of List operations and the order of keys they list in.

// maxResults checks a maxResults member against 1..100 and applies the
// operation's default.
func maxResults(v *int64, def int) (int, *apiError) {
	if v == nil {
		return def, nil
	}
	if *v < 1 || *v > 100 {
		return 0, invalidParam("maxResults must be between 1 and 100.")
	}
	return int(*v), nil
}

// page returns the keys after the token's key, at most limit of them, and
// the token of the next page ("" on the last page). Tokens are the base64
// of a kind prefix and the last key returned.
func page(keys []string, kind, token string, limit int) (out []string, next string, err *apiError) {
	start := 0
	if token != "" {
		b, derr := base64.RawURLEncoding.DecodeString(token)
		after, ok := strings.CutPrefix(string(b), kind+":")
		if derr != nil || !ok || after == "" {
			return nil, "", invalidParam("Invalid nextToken.")
		}
		start, _ = slices.BinarySearch(keys, after)
		if start < len(keys) && keys[start] == after {
			start++
		}
	}
	rest := keys[start:]
	if len(rest) > limit {
		rest = rest[:limit]
		next = base64.RawURLEncoding.EncodeToString([]byte(kind + ":" + rest[len(rest)-1]))
	}
	return rest, next, nil
}

// sortedKeys returns the keys of m in ascending order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
