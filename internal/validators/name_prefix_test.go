package validators_test

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ecsx/terraform-provider-ecsx/internal/validators"
)

func TestNameMatchesPrefix(t *testing.T) {
	t.Parallel()
	p := path.Root("name")
	s := schema.Schema{Attributes: map[string]schema.Attribute{
		"name":        schema.StringAttribute{Optional: true},
		"name_prefix": schema.StringAttribute{Optional: true},
	}}
	objType := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"name": tftypes.String, "name_prefix": tftypes.String}}
	config := func(name, prefix tftypes.Value) tfsdk.Config {
		return tfsdk.Config{Schema: s, Raw: tftypes.NewValue(objType, map[string]tftypes.Value{"name": name, "name_prefix": prefix})}
	}
	str := func(v string) tftypes.Value { return tftypes.NewValue(tftypes.String, v) }
	null := tftypes.NewValue(tftypes.String, nil)
	unknown := tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
	tests := []struct {
		name   string
		value  types.String
		config tfsdk.Config
		want   []exactDiag
	}{
		{"null name", types.StringNull(), config(null, str("app-")), nil},
		{"unknown name", types.StringUnknown(), config(unknown, str("app-")), nil},
		{"no prefix", types.StringValue("web"), config(str("web"), null), nil},
		{"unknown prefix", types.StringValue("web"), config(str("web"), unknown), nil},
		{"begins with the prefix", types.StringValue("app-1"), config(str("app-1"), str("app-")), nil},
		{"other name", types.StringValue("web"), config(str("web"), str("app-")), []exactDiag{{p, "Name does not begin with name_prefix",
			`Attribute name: name "web" and name_prefix "app-" are both set, but the name does not begin with the prefix. Set one of them, or a name that begins with the prefix.`}}},
	}
	v := validators.NameMatchesPrefix()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resp := &validator.StringResponse{}
			v.ValidateString(context.Background(), validator.StringRequest{Path: p, ConfigValue: tt.value, Config: tt.config}, resp)
			checkExact(t, resp.Diagnostics, tt.want)
		})
	}
	if got := v.MarkdownDescription(context.Background()); got != "With `name_prefix`, the name must begin with the prefix." {
		t.Errorf("MarkdownDescription = %q", got)
	}
}
