package provider

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

// accountDefaultSettings returns the settings that give a cluster the
// account's effective defaults again, for the settings it has now (current):
// one ListAccountSettings call per setting, with effectiveSettings, which
// answers the caller's own setting, else the account default, else the
// service default. Settings already at that value are left out, so that
// nothing is sent when nothing would change.
func accountDefaultSettings(ctx context.Context, client *ecsClient, current []ecstypes.ClusterSetting) ([]ecstypes.ClusterSetting, error) {
	var out []ecstypes.ClusterSetting
	for _, s := range current {
		out2, err := client.ListAccountSettings(ctx, &ecs.ListAccountSettingsInput{
			Name:              ecstypes.SettingName(s.Name),
			EffectiveSettings: true,
		})
		if err != nil {
			return nil, err
		}
		want := ""
		for _, setting := range out2.Settings {
			if string(setting.Name) == string(s.Name) {
				want = aws.ToString(setting.Value)
				break
			}
		}
		if want == "" || want == aws.ToString(s.Value) {
			continue
		}
		out = append(out, ecstypes.ClusterSetting{Name: s.Name, Value: aws.String(want)})
	}
	return out, nil
}
