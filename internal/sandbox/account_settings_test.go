package sandbox_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

func effective(t *testing.T, c *ecs.Client) string {
	const name = types.SettingNameContainerInsights
	t.Helper()
	out, err := c.ListAccountSettings(ctx, &ecs.ListAccountSettingsInput{Name: name, EffectiveSettings: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Settings) != 1 {
		t.Fatalf("effective %s: %+v", name, out.Settings)
	}
	return aws.ToString(out.Settings[0].Value)
}

func TestAccountSettings_containerInsightsDefault(t *testing.T) {
	e := start(t, sandbox.Options{})
	if got := effective(t, e.client); got != "disabled" {
		t.Errorf("service default = %q, want disabled", got)
	}
	out, err := e.client.PutAccountSettingDefault(ctx, &ecs.PutAccountSettingDefaultInput{
		Name: types.SettingNameContainerInsights, Value: aws.String("enhanced"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(out.Setting.PrincipalArn) != "arn:aws:iam::123456789012:root" || aws.ToString(out.Setting.Value) != "enhanced" {
		t.Errorf("PutAccountSettingDefault answered %+v", out.Setting)
	}
	if got := effective(t, e.client); got != "enhanced" {
		t.Errorf("effective after the account default = %q, want enhanced", got)
	}
	// A cluster created without settings gets the account default; one
	// with its own setting keeps it.
	c := mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("a")})
	if len(c.Settings) != 1 || aws.ToString(c.Settings[0].Value) != "enhanced" {
		t.Errorf("cluster without settings: %+v, want enhanced", c.Settings)
	}
	c = mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("b"),
		Settings: []types.ClusterSetting{{Name: types.ClusterSettingNameContainerInsights, Value: aws.String("disabled")}}})
	if aws.ToString(c.Settings[0].Value) != "disabled" {
		t.Errorf("cluster with its own setting: %+v", c.Settings)
	}

	// The principal's own setting wins over the default, and deleting it
	// brings the default back.
	if _, err := e.client.PutAccountSetting(ctx, &ecs.PutAccountSettingInput{Name: types.SettingNameContainerInsights, Value: aws.String("enabled")}); err != nil {
		t.Fatal(err)
	}
	if got := effective(t, e.client); got != "enabled" {
		t.Errorf("effective with the principal's setting = %q, want enabled", got)
	}
	own, err := e.client.ListAccountSettings(ctx, &ecs.ListAccountSettingsInput{})
	if err != nil || len(own.Settings) != 1 || own.Settings[0].Name != types.SettingNameContainerInsights {
		t.Errorf("ListAccountSettings without effectiveSettings: %+v %v, want only the principal's own setting", own, err)
	}
	if _, err := e.client.DeleteAccountSetting(ctx, &ecs.DeleteAccountSettingInput{Name: types.SettingNameContainerInsights}); err != nil {
		t.Fatal(err)
	}
	if got := effective(t, e.client); got != "enhanced" {
		t.Errorf("effective after DeleteAccountSetting = %q, want the default enhanced", got)
	}
	// Settings are per region.
	other := newClient(e.http.URL, "eu-west-1", "AKID", "SECRET")
	if got := effective(t, other); got != "disabled" {
		t.Errorf("another region = %q, want disabled", got)
	}
}

func TestAccountSettings_validation(t *testing.T) {
	e := start(t, sandbox.Options{})
	_, err := e.client.PutAccountSettingDefault(ctx, &ecs.PutAccountSettingDefaultInput{Name: types.SettingNameContainerInsights, Value: aws.String("on")})
	wantErr[*types.InvalidParameterException](t, err)
	_, err = e.client.PutAccountSettingDefault(ctx, &ecs.PutAccountSettingDefaultInput{Name: "noSuchSetting", Value: aws.String("enabled")})
	wantErr[*types.InvalidParameterException](t, err)
	_, err = e.client.DeleteAccountSetting(ctx, &ecs.DeleteAccountSettingInput{Name: types.SettingNameContainerInsights})
	wantErr[*types.InvalidParameterException](t, err)
	_, err = e.client.ListAccountSettings(ctx, &ecs.ListAccountSettingsInput{MaxResults: 11})
	wantErr[*types.InvalidParameterException](t, err)
}

func TestAccountSettings_pagination(t *testing.T) {
	e := start(t, sandbox.Options{})
	var names []types.SettingName
	var token *string
	for range 10 {
		out, err := e.client.ListAccountSettings(ctx, &ecs.ListAccountSettingsInput{EffectiveSettings: true, MaxResults: 3, NextToken: token})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range out.Settings {
			names = append(names, s.Name)
		}
		if token = out.NextToken; token == nil {
			break
		}
	}
	if len(names) < 10 {
		t.Errorf("paged through %d settings (%v), want every setting name", len(names), names)
	}
	seen := map[types.SettingName]bool{}
	for _, n := range names {
		if seen[n] {
			t.Errorf("setting %s listed twice", n)
		}
		seen[n] = true
	}
}
