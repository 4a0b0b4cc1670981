package sandbox

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits from the service model and documentation (spec §2, §6, §7).
const (
	maxNameLen           = 255
	maxTags              = 50
	maxTagKeyLen         = 128
	maxTagValueLen       = 256
	maxStrategyItems     = 20
	maxClusterProviders  = 20
	maxDescribeClusters  = 100
	maxStrategyWeight    = 1000
	maxStrategyBase      = 100000
	maxListResults       = 100
	maxDescribeProviders = 100
	maxProviderResults   = 10
)

// validName reports whether s matches ^[a-zA-Z0-9\-_]{1,255}$.
func validName(s string) bool {
	if len(s) == 0 || len(s) > maxNameLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_':
		default:
			return false
		}
	}
	return true
}

func validateClusterName(name string) *apiError {
	if !validName(name) {
		return invalidParam("Cluster must match ^[a-zA-Z0-9\\-_]{1,255}$, but was %s", name)
	}
	return nil
}

// validTagText reports whether s matches ^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$.
func validTagText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.In(r, unicode.Z) || unicode.IsNumber(r) {
			continue
		}
		if !strings.ContainsRune("_.:/=+-@", r) {
			return false
		}
	}
	return true
}

// reserved reports whether s starts with the reserved "aws:" prefix, in any
// case (spec §6).
func reserved(s string) bool {
	return len(s) >= 4 && strings.EqualFold(s[:4], "aws:")
}

// validateTags checks user tags (spec §6) and returns them in order. Keys
// must be unique within a request.
func validateTags(in []tag) ([]storedTag, *apiError) {
	out := make([]storedTag, 0, len(in))
	index := make(map[string]bool, len(in))
	for _, t := range in {
		if t.Key == nil || *t.Key == "" {
			return nil, invalidParam("Tag keys must be between 1 and %d characters.", maxTagKeyLen)
		}
		k := *t.Key
		v := ""
		if t.Value != nil {
			v = *t.Value
		}
		if utf8.RuneCountInString(k) > maxTagKeyLen {
			return nil, invalidParam("Tag key %q exceeds %d characters.", k, maxTagKeyLen)
		}
		if utf8.RuneCountInString(v) > maxTagValueLen {
			return nil, invalidParam("Tag value for key %q exceeds %d characters.", k, maxTagValueLen)
		}
		if !validTagText(k) || !validTagText(v) {
			return nil, invalidParam("Tag keys and values must match the pattern ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$.")
		}
		if reserved(k) || reserved(v) {
			return nil, invalidParam("Tag keys and values may not begin with the reserved prefix \"aws:\".")
		}
		if index[k] {
			return nil, invalidParam("Duplicate tag key %q. Tag keys must be unique.", k)
		}
		index[k] = true
		out = append(out, storedTag{Key: k, Value: v})
	}
	if len(out) > maxTags {
		return nil, invalidParam("A resource can have at most %d tags.", maxTags)
	}
	return out, nil
}

// mergeTags overwrites or adds tags, enforcing the 50-tag limit.
func mergeTags(cur, add []storedTag) ([]storedTag, *apiError) {
	out := append([]storedTag(nil), cur...)
	for _, t := range add {
		found := false
		for i := range out {
			if out[i].Key == t.Key {
				out[i].Value = t.Value
				found = true
				break
			}
		}
		if !found {
			out = append(out, t)
		}
	}
	if len(out) > maxTags {
		return nil, invalidParam("A resource can have at most %d tags; the request would result in %d.", maxTags, len(out))
	}
	return out, nil
}

// validateSettings checks cluster settings: only containerInsights exists,
// with enabled, disabled or enhanced (spec §3).
func validateSettings(in []clusterSetting) ([]clusterSetting, *apiError) {
	var out []clusterSetting
	for _, st := range in {
		if st.Name != "containerInsights" {
			return nil, invalidParam("Unsupported cluster setting name %q. Valid names: containerInsights.", st.Name)
		}
		switch st.Value {
		case "enabled", "disabled", "enhanced":
		default:
			return nil, invalidParam("Invalid value %q for the containerInsights setting. Valid values: enabled, disabled, enhanced.", st.Value)
		}
		out = mergeSettings(out, []clusterSetting{st})
	}
	return out, nil
}

func mergeSettings(cur, add []clusterSetting) []clusterSetting {
	out := append([]clusterSetting(nil), cur...)
	for _, st := range add {
		found := false
		for i := range out {
			if out[i].Name == st.Name {
				out[i].Value = st.Value
				found = true
			}
		}
		if !found {
			out = append(out, st)
		}
	}
	return out
}

// validateConfiguration checks the execute command logging rules: logging is
// NONE, DEFAULT or OVERRIDE; OVERRIDE requires logConfiguration, and
// logConfiguration is accepted only with OVERRIDE.
func validateConfiguration(c *clusterConfiguration) *apiError {
	if c == nil || c.ExecuteCommandConfiguration == nil {
		return nil
	}
	e := c.ExecuteCommandConfiguration
	switch e.Logging {
	case "", "NONE", "DEFAULT", "OVERRIDE":
	default:
		return invalidParam("Invalid value %q for executeCommandConfiguration.logging. Valid values: NONE, DEFAULT, OVERRIDE.", e.Logging)
	}
	if e.Logging == "OVERRIDE" && e.LogConfiguration == nil {
		return invalidParam("The logConfiguration is required when logging is set to OVERRIDE.")
	}
	if e.Logging != "OVERRIDE" && e.LogConfiguration != nil {
		return invalidParam("The logConfiguration can only be specified when logging is set to OVERRIDE.")
	}
	return nil
}

// validateStrategy checks a capacity provider strategy against the providers
// that will be associated with the cluster (spec §7).
func validateStrategy(items []strategyItem, associated []string) ([]storedStrategyItem, *apiError) {
	if len(items) > maxStrategyItems {
		return nil, invalidParam("The capacity provider strategy can contain at most %d capacity providers.", maxStrategyItems)
	}
	out := make([]storedStrategyItem, 0, len(items))
	seen := make(map[string]bool, len(items))
	withBase := 0
	for _, it := range items {
		if it.CapacityProvider == nil || *it.CapacityProvider == "" {
			return nil, invalidParam("A capacity provider strategy item must specify a capacityProvider.")
		}
		s := storedStrategyItem{CapacityProvider: *it.CapacityProvider}
		if it.Weight != nil {
			s.Weight = *it.Weight
		}
		if it.Base != nil {
			s.Base = *it.Base
		}
		if s.Weight < 0 || s.Weight > maxStrategyWeight {
			return nil, invalidParam("The weight of capacity provider %s must be between 0 and %d.", s.CapacityProvider, maxStrategyWeight)
		}
		if s.Base < 0 || s.Base > maxStrategyBase {
			return nil, invalidParam("The base of capacity provider %s must be between 0 and %d.", s.CapacityProvider, maxStrategyBase)
		}
		if s.Base > 0 {
			withBase++
		}
		if seen[s.CapacityProvider] {
			return nil, invalidParam("The capacity provider strategy cannot contain a capacity provider more than once: %s.", s.CapacityProvider)
		}
		seen[s.CapacityProvider] = true
		if !contains(associated, s.CapacityProvider) {
			return nil, invalidParam("The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster. Associate the capacity provider with the cluster or specify a valid capacity provider and try again.")
		}
		out = append(out, s)
	}
	if withBase > 1 {
		return nil, invalidParam("Only one capacity provider in a capacity provider strategy can have a base defined.")
	}
	return out, nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
