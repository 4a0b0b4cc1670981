package sandbox

import (
	"fmt"
	"slices"
	"strings"
)

// Account settings (PutAccountSetting, PutAccountSettingDefault,
// ListAccountSettings, DeleteAccountSetting), per account and region.
// The effective value of a setting for a principal is the principal's own
// setting, else the account default, else the service default. The sandbox
// has no IAM: the caller is the account's root user,
// arn:<partition>:iam::<account>:root, unless a request names a
// principalArn.

// accountSettingRules lists the setting names ECS accepts, with their values
// and the service default ("" where the service has none to report).
var accountSettingRules = map[string]struct {
	values []string
	def    string
}{
	"containerInsights":               {[]string{"enabled", "disabled", "enhanced"}, "disabled"},
	"serviceLongArnFormat":            {[]string{"enabled", "disabled"}, "enabled"},
	"taskLongArnFormat":               {[]string{"enabled", "disabled"}, "enabled"},
	"containerInstanceLongArnFormat":  {[]string{"enabled", "disabled"}, "enabled"},
	"awsvpcTrunking":                  {[]string{"enabled", "disabled"}, "disabled"},
	"tagResourceAuthorization":        {[]string{"on", "off"}, "on"},
	"fargateFIPSMode":                 {[]string{"enabled", "disabled"}, "disabled"},
	"fargateTaskRetirementWaitPeriod": {[]string{"0", "7", "14"}, "7"},
	"guardDutyActivate":               {[]string{"on", "off"}, "off"},
	"defaultLogDriverMode":            {[]string{"blocking", "non-blocking"}, "blocking"},
}

// accountSetting is the JSON shape of types.Setting.
type accountSetting struct {
	Name         string `json:"name"`
	Value        string `json:"value"`
	PrincipalArn string `json:"principalArn"`
	Type         string `json:"type"`
}

// rootPrincipal is the ARN of the account's root user.
func (st *store) rootPrincipal() string {
	return fmt.Sprintf("arn:%s:iam::%s:root", st.partition, st.key.Account)
}

// principal is the principal a request names, else the caller (the root
// user).
func (st *store) principal(arn *string) string {
	if arn != nil && *arn != "" {
		return *arn
	}
	return st.rootPrincipal()
}

func checkSetting(name string, value *string) *apiError {
	rule, ok := accountSettingRules[name]
	if !ok {
		names := make([]string, 0, len(accountSettingRules))
		for n := range accountSettingRules {
			names = append(names, n)
		}
		slices.Sort(names)
		return invalidParam("Invalid setting name %q; valid names are %s.", name, strings.Join(names, ", "))
	}
	if value != nil && !slices.Contains(rule.values, *value) {
		return invalidParam("Invalid value %q for setting %s; valid values are %s.", *value, name, strings.Join(rule.values, ", "))
	}
	return nil
}

// effectiveSetting returns the value of a setting for principal.
func (s *Server) effectiveSetting(st *store, principal, name string) string {
	if v, ok := st.principalSettings[principal][name]; ok {
		return v
	}
	if v, ok := st.accountDefaults[name]; ok {
		return v
	}
	if name == "containerInsights" {
		return s.opts.DefaultContainerInsights
	}
	return accountSettingRules[name].def
}

type accountSettingInput struct {
	Name         *string `json:"name"`
	Value        *string `json:"value"`
	PrincipalArn *string `json:"principalArn"`
}

func (in *accountSettingInput) check(needValue bool) *apiError {
	if in.Name == nil || *in.Name == "" {
		return invalidParam("name must be specified.")
	}
	if needValue && (in.Value == nil || *in.Value == "") {
		return invalidParam("value must be specified.")
	}
	return checkSetting(*in.Name, in.Value)
}

func (s *Server) putAccountSettingDefault(c *call, body []byte) (any, *apiError) {
	var in accountSettingInput
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	if err := in.check(true); err != nil {
		return nil, err
	}
	st := s.store(c.account, c.region)
	if st.accountDefaults == nil {
		st.accountDefaults = map[string]string{}
	}
	st.accountDefaults[*in.Name] = *in.Value
	return map[string]any{"setting": accountSetting{Name: *in.Name, Value: *in.Value, PrincipalArn: st.rootPrincipal(), Type: "user"}}, nil
}

func (s *Server) putAccountSetting(c *call, body []byte) (any, *apiError) {
	var in accountSettingInput
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	if err := in.check(true); err != nil {
		return nil, err
	}
	st := s.store(c.account, c.region)
	principal := st.principal(in.PrincipalArn)
	if st.principalSettings == nil {
		st.principalSettings = map[string]map[string]string{}
	}
	if st.principalSettings[principal] == nil {
		st.principalSettings[principal] = map[string]string{}
	}
	st.principalSettings[principal][*in.Name] = *in.Value
	return map[string]any{"setting": accountSetting{Name: *in.Name, Value: *in.Value, PrincipalArn: principal, Type: "user"}}, nil
}

func (s *Server) deleteAccountSetting(c *call, body []byte) (any, *apiError) {
	var in accountSettingInput
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	if err := in.check(false); err != nil {
		return nil, err
	}
	st := s.store(c.account, c.region)
	principal := st.principal(in.PrincipalArn)
	value, ok := st.principalSettings[principal][*in.Name]
	if !ok {
		return nil, invalidParam("The account setting %s is not set for principal %s.", *in.Name, principal)
	}
	delete(st.principalSettings[principal], *in.Name)
	return map[string]any{"setting": accountSetting{Name: *in.Name, Value: value, PrincipalArn: principal, Type: "user"}}, nil
}

func (s *Server) listAccountSettings(c *call, body []byte) (any, *apiError) {
	var in struct {
		Name              *string `json:"name"`
		Value             *string `json:"value"`
		PrincipalArn      *string `json:"principalArn"`
		EffectiveSettings bool    `json:"effectiveSettings"`
		MaxResults        *int64  `json:"maxResults"`
		NextToken         *string `json:"nextToken"`
	}
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	if in.Name != nil && *in.Name != "" {
		if err := checkSetting(*in.Name, nil); err != nil {
			return nil, err
		}
	}
	if in.MaxResults != nil && (*in.MaxResults < 1 || *in.MaxResults > 10) {
		return nil, invalidParam("maxResults must be between 1 and 10.")
	}
	st := s.store(c.account, c.region)
	principal := st.principal(in.PrincipalArn)
	names := make([]string, 0, len(accountSettingRules))
	for n := range accountSettingRules {
		if in.Name == nil || *in.Name == "" || *in.Name == n {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	var settings []accountSetting
	for _, n := range names {
		value, own := st.principalSettings[principal][n]
		if in.EffectiveSettings {
			value, own = s.effectiveSetting(st, principal, n), true
		}
		if !own || (in.Value != nil && *in.Value != "" && *in.Value != value) {
			continue
		}
		settings = append(settings, accountSetting{Name: n, Value: value, PrincipalArn: principal, Type: "user"})
	}
	start := 0
	if in.NextToken != nil && *in.NextToken != "" {
		after, ok := decodeToken(*in.NextToken)
		if !ok {
			return nil, invalidParam("Invalid nextToken.")
		}
		for start < len(settings) && settings[start].Name <= after {
			start++
		}
	}
	settings = settings[start:]
	out := map[string]any{}
	if in.MaxResults != nil && int64(len(settings)) > *in.MaxResults {
		settings = settings[:*in.MaxResults]
		out["nextToken"] = encodeToken(settings[len(settings)-1].Name)
	}
	if settings == nil {
		settings = []accountSetting{}
	}
	out["settings"] = settings
	return out, nil
}
