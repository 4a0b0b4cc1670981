package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/ecsx/terraform-provider-ecsx/internal/validators"
)

// Default operation timeouts, overridable with the timeouts attribute.
const (
	defaultCreateTimeout = 20 * time.Minute
	defaultUpdateTimeout = 20 * time.Minute
	defaultDeleteTimeout = 20 * time.Minute
)

// The bounds of an operation timeout.
const (
	minTimeout = time.Second
	maxTimeout = 24 * time.Hour
)

// timeoutsBlock is a documented timeouts block with create, update and
// delete, each a duration between minTimeout and maxTimeout.
func timeoutsBlock(ctx context.Context, create, update, del string) schema.Block {
	const duration = " A duration such as `30s`, `45m` or `1h30m`, from `1s` to `24h`."
	block := timeouts.Block(ctx, timeouts.Opts{
		Create: true, Update: true, Delete: true,
		CreateDescription: create + duration,
		UpdateDescription: update + duration,
		DeleteDescription: del + duration,
	})
	nested, ok := block.(schema.SingleNestedBlock)
	if !ok {
		return block
	}
	nested.MarkdownDescription = "Timeouts of the create, update and delete operations. They are not read back on import."
	for name, child := range nested.Attributes {
		if s, ok := child.(schema.StringAttribute); ok {
			s.MarkdownDescription = s.Description
			// The library's own validator does not name the attribute
			// and accepts zero or negative durations.
			s.Validators = []validator.String{validators.DurationBetween(minTimeout, maxTimeout)}
			nested.Attributes[name] = s
		}
	}
	return nested
}
