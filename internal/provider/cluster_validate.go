package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/ecsx/terraform-provider-ecsx/internal/attrvalue"
	"github.com/ecsx/terraform-provider-ecsx/internal/validators"
)

// validateClusterModel checks the final values of a create or update against
// the rules of the ECS API, before any call is made. Schema validators check
// the same rules at plan time; this pass catches values that were unknown
// then (for example taken from other resources).
func validateClusterModel(m *clusterResourceModel, name string, tagsAll map[string]string) diag.Diagnostics {
	var diags diag.Diagnostics

	if !validators.ValidClusterName(name) {
		addAttributeError(&diags, path.Root("name"), "Invalid cluster name",
			fmt.Sprintf("Cluster name %q must be 1-255 letters, digits, hyphens and underscores.", name))
	}
	for _, msg := range validators.TagRuleViolations(tagsAll) {
		addAttributeError(&diags, path.Root("tags"), "Invalid tags", msg)
	}

	settings := expandSettings(m.Setting)
	for _, s := range settings {
		p := path.Root("setting")
		if string(s.Name) != validators.ContainerInsightsSettingName {
			addAttributeError(&diags, p.AtName("name"), "Invalid setting name",
				fmt.Sprintf("Setting name %q is not supported; the only cluster setting is %q.", s.Name, validators.ContainerInsightsSettingName))
		}
		if v := *s.Value; !validators.ValidContainerInsightsValue(v) {
			addAttributeError(&diags, p.AtName("value"), "Invalid setting value",
				fmt.Sprintf("Setting value %q is not supported; use one of %q.", v, validators.ContainerInsightsValues()))
		}
	}

	cfg := expandConfiguration(m.Configuration)
	if cfg != nil && cfg.ExecuteCommandConfiguration != nil {
		ec := cfg.ExecuteCommandConfiguration
		var lc *validators.LogConfiguration
		if l := ec.LogConfiguration; l != nil {
			lc = &validators.LogConfiguration{
				CloudWatchLogGroupName:      deref(l.CloudWatchLogGroupName),
				CloudWatchEncryptionEnabled: l.CloudWatchEncryptionEnabled,
				S3BucketName:                deref(l.S3BucketName),
				S3EncryptionEnabled:         l.S3EncryptionEnabled,
				S3KeyPrefix:                 deref(l.S3KeyPrefix),
			}
		}
		for _, msg := range validators.CheckExecuteCommandConfiguration(string(ec.Logging), lc) {
			addAttributeError(&diags, path.Root("configuration").AtListIndex(0).AtName("execute_command_configuration").AtListIndex(0), "Invalid execute command configuration", msg)
		}
	}

	providers := expandCapacityProviders(m.CapacityProviders)
	for _, p := range providers {
		if !validators.ValidCapacityProviderName(p) {
			addAttributeError(&diags, path.Root("capacity_providers"), "Invalid capacity provider name",
				fmt.Sprintf("Capacity provider %q must be FARGATE, FARGATE_SPOT, or 1-255 letters, digits, hyphens and underscores not starting with aws, ecs or fargate.", p))
		}
	}
	strategy := expandStrategy(m.DefaultCapacityProviderStrategy)
	items := make([]validators.StrategyItem, 0, len(strategy))
	for _, it := range strategy {
		items = append(items, validators.StrategyItem{CapacityProvider: deref(it.CapacityProvider), Weight: int64(it.Weight), Base: int64(it.Base)})
	}
	for _, msg := range append(validators.CheckStrategy(items), validators.CheckStrategyProviders(items, providers)...) {
		addAttributeError(&diags, path.Root("default_capacity_provider_strategy"), "Invalid capacity provider strategy", msg)
	}

	if !attrvalue.BlockAbsent(m.ServiceConnectDefaults) {
		if msg := validators.CheckNamespace(namespaceOf(m.ServiceConnectDefaults)); msg != "" {
			addAttributeError(&diags, path.Root("service_connect_defaults").AtListIndex(0).AtName("namespace"), "Invalid Service Connect namespace", msg)
		}
	}
	return diags
}
