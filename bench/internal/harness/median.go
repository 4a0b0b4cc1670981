// Package harness runs the ecsx benchmark: Terraform phases against ecsx and
// two floors, the sandbox's call counters, peak RSS and the reports.
package harness

import "sort"

// Median returns the median of xs (the mean of the two middle values for an
// even count) and 0 for an empty slice. xs is not modified.
func Median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	m := len(s) / 2
	if len(s)%2 == 1 {
		return s[m]
	}
	return (s[m-1] + s[m]) / 2
}

// MaxInt64 returns the largest of xs, or 0 for an empty slice.
func MaxInt64(xs []int64) int64 {
	var m int64
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}
