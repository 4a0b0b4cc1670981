package provider_test

import (
	"context"
	"fmt"
	"math/big"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ecsx/terraform-provider-ecsx/internal/provider"
)

// renderedDiag is one diagnostic as Terraform receives it: where it points
// (the attribute path, as Terraform reads it to find the line) and its text.
type renderedDiag struct {
	path   string
	detail string
}

// validateResource runs the provider's ValidateResourceConfig on config,
// given as nested Go values (map[string]any for objects, []any for blocks and
// collections, string, int and bool); what is left out is null.
func validateResource(t *testing.T, typeName string, config map[string]any) []renderedDiag {
	t.Helper()
	ctx := context.Background()
	server, err := providerserver.NewProtocol6WithError(provider.New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	typ := schemas.ResourceSchemas[typeName].ValueType()
	dv, err := tfprotov6.NewDynamicValue(typ, tfValue(t, typ, config))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: typeName, Config: &dv})
	if err != nil {
		t.Fatal(err)
	}
	out := make([]renderedDiag, 0, len(resp.Diagnostics))
	for _, d := range resp.Diagnostics {
		if d.Severity != tfprotov6.DiagnosticSeverityError {
			continue
		}
		p := ""
		if d.Attribute != nil {
			p = d.Attribute.String()
		}
		out = append(out, renderedDiag{path: p, detail: d.Summary + ": " + d.Detail})
	}
	return out
}

// tfValue converts a nested Go value to a value of typ; nil is null.
func tfValue(t *testing.T, typ tftypes.Type, v any) tftypes.Value {
	t.Helper()
	if v == nil {
		return tftypes.NewValue(typ, nil)
	}
	switch ty := typ.(type) {
	case tftypes.Object:
		in, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("want a map for %s, got %T", ty, v)
		}
		attrs := make(map[string]tftypes.Value, len(ty.AttributeTypes))
		for name, at := range ty.AttributeTypes {
			attrs[name] = tfValue(t, at, in[name])
		}
		for name := range in {
			if _, ok := ty.AttributeTypes[name]; !ok {
				t.Fatalf("no attribute %q in %s", name, ty)
			}
		}
		return tftypes.NewValue(ty, attrs)
	case tftypes.List, tftypes.Set:
		var elemType tftypes.Type
		switch c := ty.(type) {
		case tftypes.List:
			elemType = c.ElementType
		case tftypes.Set:
			elemType = c.ElementType
		}
		in, ok := v.([]any)
		if !ok {
			t.Fatalf("want a slice for %s, got %T", typ, v)
		}
		elems := make([]tftypes.Value, len(in))
		for i, e := range in {
			elems[i] = tfValue(t, elemType, e)
		}
		return tftypes.NewValue(typ, elems)
	}
	switch x := v.(type) {
	case int:
		return tftypes.NewValue(typ, big.NewFloat(float64(x)))
	default:
		return tftypes.NewValue(typ, x)
	}
}

func cfgStrategyItem(provider string, weight, base any) map[string]any {
	return map[string]any{"capacity_provider": provider, "weight": weight, "base": base}
}

// TestDiagnostics_renderEachRuleInBlocks renders the message of every rule on
// an attribute inside a set or list block, whichever validator produces it:
// each names the element as ecsx does (a set element by its identifying
// attribute) and points where Terraform can show the attribute's line. A set
// block given once is addressed as its first block (Terraform locates blocks
// by position); in a set of several elements the diagnostic points at the set,
// and Terraform shows the resource's first line.
func TestDiagnostics_renderEachRuleInBlocks(t *testing.T) {
	t.Parallel()
	const dcps = "default_capacity_provider_strategy"
	fargate := []any{"FARGATE", "FARGATE_SPOT"}
	execCmd := func(ecc map[string]any) map[string]any {
		return map[string]any{"configuration": []any{map[string]any{"execute_command_configuration": []any{ecc}}}}
	}
	tests := []struct {
		name     string
		resource string
		config   map[string]any
		want     []renderedDiag
	}{
		{"weight out of range", "ecsx_cluster", map[string]any{
			"capacity_providers": fargate, dcps: []any{cfgStrategyItem("FARGATE", 2000, 1)},
		}, []renderedDiag{{
			`AttributeName("default_capacity_provider_strategy").ElementKeyInt(0).AttributeName("weight")`,
			`Invalid Attribute Value: Attribute default_capacity_provider_strategy[capacity_provider = "FARGATE"].weight: must be between 0 and 1000, got 2000.`,
		}}},
		{"negative base", "ecsx_cluster", map[string]any{
			"capacity_providers": fargate, dcps: []any{cfgStrategyItem("FARGATE", nil, -1)},
		}, []renderedDiag{{
			`AttributeName("default_capacity_provider_strategy").ElementKeyInt(0).AttributeName("base")`,
			`Invalid Attribute Value: Attribute default_capacity_provider_strategy[capacity_provider = "FARGATE"].base: must be between 0 and 100000, got -1.`,
		}}},
		{"weight out of range among two items", "ecsx_cluster", map[string]any{
			"capacity_providers": fargate, dcps: []any{cfgStrategyItem("FARGATE", 1, nil), cfgStrategyItem("FARGATE_SPOT", 1001, nil)},
		}, []renderedDiag{{
			`AttributeName("default_capacity_provider_strategy")`,
			`Invalid Attribute Value: Attribute default_capacity_provider_strategy[capacity_provider = "FARGATE_SPOT"].weight: must be between 0 and 1000, got 1001.`,
		}}},
		{"reserved capacity provider name", "ecsx_cluster", map[string]any{
			"capacity_providers": []any{"awsx"}, dcps: []any{cfgStrategyItem("awsx", 1, nil)},
		}, []renderedDiag{
			{`AttributeName("capacity_providers").ElementKeyInt(0)`, `Reserved capacity provider name: Attribute capacity_providers["awsx"]: `},
			{`AttributeName("default_capacity_provider_strategy").ElementKeyInt(0).AttributeName("capacity_provider")`, `Reserved capacity provider name: Attribute default_capacity_provider_strategy[capacity_provider = "awsx"].capacity_provider: `},
		}},
		{"strategy provider not associated", "ecsx_cluster", map[string]any{
			"capacity_providers": []any{"FARGATE"}, dcps: []any{cfgStrategyItem("FARGATE_SPOT", 1, nil)},
		}, []renderedDiag{{
			`AttributeName("default_capacity_provider_strategy").ElementKeyInt(0).AttributeName("capacity_provider")`,
			`Capacity provider not associated with the cluster: Attribute default_capacity_provider_strategy[capacity_provider = "FARGATE_SPOT"].capacity_provider: `,
		}}},
		{"duplicate provider", "ecsx_cluster", map[string]any{
			"capacity_providers": fargate, dcps: []any{cfgStrategyItem("FARGATE", 1, nil), cfgStrategyItem("FARGATE", 2, nil)},
		}, []renderedDiag{{
			`AttributeName("default_capacity_provider_strategy")`,
			`Duplicate capacity provider in strategy: Attribute default_capacity_provider_strategy[capacity_provider = "FARGATE"].capacity_provider: `,
		}}},
		{"setting value", "ecsx_cluster", map[string]any{
			"setting": []any{map[string]any{"name": "containerInsights", "value": "on"}},
		}, []renderedDiag{{
			`AttributeName("setting").ElementKeyInt(0).AttributeName("value")`,
			`Invalid containerInsights value: Attribute setting[name = "containerInsights"].value: containerInsights value "on" is not supported; it must be one of "enabled", "disabled", "enhanced".`,
		}}},
		{"setting name", "ecsx_cluster", map[string]any{
			"setting": []any{map[string]any{"name": "insights", "value": "enabled"}},
		}, []renderedDiag{{
			`AttributeName("setting").ElementKeyInt(0).AttributeName("name")`,
			`Unsupported cluster setting: Attribute setting[name = "insights"].name: setting name "insights" is not supported`,
		}}},
		{"logging", "ecsx_cluster", execCmd(map[string]any{"logging": "ALL"}), []renderedDiag{{
			`AttributeName("configuration").ElementKeyInt(0).AttributeName("execute_command_configuration").ElementKeyInt(0).AttributeName("logging")`,
			`Invalid Attribute Value Match: Attribute configuration[0].execute_command_configuration[0].logging: must be one of: ["NONE" "DEFAULT" "OVERRIDE"], got "ALL".`,
		}}},
		{"empty kms_key_id", "ecsx_cluster", execCmd(map[string]any{"kms_key_id": ""}), []renderedDiag{{
			`AttributeName("configuration").ElementKeyInt(0).AttributeName("execute_command_configuration").ElementKeyInt(0).AttributeName("kms_key_id")`,
			`Invalid Attribute Value Length: Attribute configuration[0].execute_command_configuration[0].kms_key_id: string length must be at least 1, got 0.`,
		}}},
		{"short bucket name", "ecsx_cluster", execCmd(map[string]any{"logging": "OVERRIDE", "log_configuration": []any{map[string]any{"s3_bucket_name": "ab"}}}), []renderedDiag{{
			`AttributeName("configuration").ElementKeyInt(0).AttributeName("execute_command_configuration").ElementKeyInt(0).AttributeName("log_configuration").ElementKeyInt(0).AttributeName("s3_bucket_name")`,
			`Invalid Attribute Value Length: Attribute configuration[0].execute_command_configuration[0].log_configuration[0].s3_bucket_name: string length must be between 3 and 63, got 2.`,
		}}},
		{"association weight", "ecsx_cluster_capacity_providers", map[string]any{
			"cluster_name": "c", "capacity_providers": fargate, dcps: []any{cfgStrategyItem("FARGATE", -5, nil)},
		}, []renderedDiag{{
			`AttributeName("default_capacity_provider_strategy").ElementKeyInt(0).AttributeName("weight")`,
			`Invalid Attribute Value: Attribute default_capacity_provider_strategy[capacity_provider = "FARGATE"].weight: must be between 0 and 1000, got -5.`,
		}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := validateResource(t, tt.resource, tt.config)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d errors, want %d:\n%s", len(got), len(tt.want), dumpRendered(got))
			}
			for i, w := range tt.want {
				if got[i].path != w.path {
					t.Errorf("error %d points at %s, want %s", i, got[i].path, w.path)
				}
				if !strings.HasPrefix(got[i].detail, w.detail) {
					t.Errorf("error %d reads\n  %s\nwant it to begin with\n  %s", i, got[i].detail, w.detail)
				}
				if strings.Contains(got[i].detail, "Value({") {
					t.Errorf("error %d renders a set element whole: %s", i, got[i].detail)
				}
			}
		})
	}
}

// TestDiagnostics_allErrorsInOneRun: three independent mistakes (two items
// with a base, a weight out of range, an unsupported setting value) give
// three errors in one validation, the rules across the strategy's items
// beside the rules of its attributes.
func TestDiagnostics_allErrorsInOneRun(t *testing.T) {
	t.Parallel()
	got := validateResource(t, "ecsx_cluster", map[string]any{
		"capacity_providers": []any{"FARGATE", "FARGATE_SPOT"},
		"default_capacity_provider_strategy": []any{
			cfgStrategyItem("FARGATE", 1001, 1),
			cfgStrategyItem("FARGATE_SPOT", nil, 2),
		},
		"setting": []any{map[string]any{"name": "containerInsights", "value": "on"}},
	})
	want := []string{
		`More than one capacity provider with a base: Attribute default_capacity_provider_strategy: Capacity provider strategy gives a base greater than 0 to 2 items ("FARGATE", "FARGATE_SPOT")`,
		`Invalid Attribute Value: Attribute default_capacity_provider_strategy[capacity_provider = "FARGATE"].weight: must be between 0 and 1000, got 1001.`,
		`Invalid containerInsights value: Attribute setting[name = "containerInsights"].value:`,
	}
	if len(got) != len(want) {
		t.Fatalf("got %d errors, want %d:\n%s", len(got), len(want), dumpRendered(got))
	}
	for _, w := range want {
		found := false
		for _, g := range got {
			found = found || strings.HasPrefix(g.detail, w)
		}
		if !found {
			t.Errorf("no error begins with %q:\n%s", w, dumpRendered(got))
		}
	}
}

func dumpRendered(ds []renderedDiag) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "  %s | %s\n", d.path, d.detail)
	}
	return b.String()
}
