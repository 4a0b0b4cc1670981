package harness

import (
	"strings"
	"testing"
)

func TestDecodeStats(t *testing.T) {
	body := `{"calls":{"CreateCluster":100,"DescribeClusters":250,"TagResource":0},
	"throttled":7,"failed":1,"dropped":2,"extra":"ignored"}`
	s, err := DecodeStats(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if s.Calls["CreateCluster"] != 100 || s.Calls["DescribeClusters"] != 250 {
		t.Errorf("calls = %v", s.Calls)
	}
	if s.Throttled != 7 || s.Failed != 1 || s.Dropped != 2 {
		t.Errorf("throttled/failed/dropped = %d/%d/%d", s.Throttled, s.Failed, s.Dropped)
	}
	if s.Total() != 350 {
		t.Errorf("Total = %d, want 350", s.Total())
	}
}

func TestDecodeStatsEmpty(t *testing.T) {
	s, err := DecodeStats(strings.NewReader(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	if s.Calls == nil || s.Total() != 0 {
		t.Errorf("empty stats = %+v", s)
	}
}

func TestDecodeStatsInvalid(t *testing.T) {
	for _, body := range []string{``, `{"calls":[1]}`, `{"throttled":"x"}`} {
		if _, err := DecodeStats(strings.NewReader(body)); err == nil {
			t.Errorf("DecodeStats(%q) succeeded", body)
		}
	}
}
