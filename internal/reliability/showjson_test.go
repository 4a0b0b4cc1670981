package reliability_test

import (
	"encoding/json"
	"slices"
	"testing"
)

// showState is the part of `terraform show -json` the tests read.
type showState struct {
	Values *struct {
		RootModule struct {
			Resources []showResource `json:"resources"`
		} `json:"root_module"`
	} `json:"values"`
}

type showResource struct {
	Address string         `json:"address"`
	Type    string         `json:"type"`
	Tainted bool           `json:"tainted"`
	Values  map[string]any `json:"values"`
}

func parseShow(t *testing.T, js string) []showResource {
	t.Helper()
	var s showState
	if err := json.Unmarshal([]byte(js), &s); err != nil {
		t.Fatalf("terraform show -json: %v\n%s", err, js)
	}
	if s.Values == nil {
		return nil
	}
	var out []showResource
	for _, r := range s.Values.RootModule.Resources {
		if r.Type == "ecsx_cluster" {
			out = append(out, r)
		}
	}
	return out
}

// idsFromShowJSON returns the sorted IDs of the ecsx_cluster resources.
func idsFromShowJSON(t *testing.T, js string) []string {
	t.Helper()
	var ids []string
	for _, r := range parseShow(t, js) {
		if id, _ := r.Values["id"].(string); id != "" {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}
