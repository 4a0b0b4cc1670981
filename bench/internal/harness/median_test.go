package harness

import "testing"

func TestMedian(t *testing.T) {
	cases := []struct {
		in   []float64
		want float64
	}{
		{nil, 0},
		{[]float64{7}, 7},
		{[]float64{3, 1, 2}, 2},
		{[]float64{4, 1, 3, 2}, 2.5},
		{[]float64{5, 5, 1}, 5},
		{[]float64{10, 1, 100, 1000, 2}, 10},
	}
	for _, c := range cases {
		in := append([]float64(nil), c.in...)
		if got := Median(c.in); got != c.want {
			t.Errorf("Median(%v) = %v, want %v", c.in, got, c.want)
		}
		for i := range in {
			if in[i] != c.in[i] {
				t.Fatalf("Median modified its input: %v", c.in)
			}
		}
	}
}

func TestMaxInt64(t *testing.T) {
	if got := MaxInt64([]int64{3, 9, 2}); got != 9 {
		t.Errorf("MaxInt64 = %d, want 9", got)
	}
	if got := MaxInt64(nil); got != 0 {
		t.Errorf("MaxInt64(nil) = %d, want 0", got)
	}
}
