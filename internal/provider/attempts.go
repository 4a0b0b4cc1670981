package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// An ECS call is retried by the SDK inside one API call: a transport error,
// a timeout or a 5xx answer is tried again, and the caller sees only the
// last answer. When an earlier attempt of a change went out and got no
// answer (or a server error), ECS may have applied it, whatever the last
// answer says: a non-idempotent create then meets its own object ("already
// exists"), and an API error after it does not prove that nothing changed.
// The attempt log records, per operation, whether any attempt's outcome was
// unknown, so that the resource code can look the object up before it
// concludes.

// uncertainLookup bounds the lookup after a change whose outcome is
// unknown. It runs on a fresh deadline, since the operation's own may have
// expired.
const uncertainLookup = 30 * time.Second

// lookupContext is the context of a lookup after an uncertain change: ctx's
// values without its cancellation, bounded by uncertainLookup.
func lookupContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), uncertainLookup)
}

// attemptLog records whether any attempt of the calls made with its context
// had an unknown outcome. It is safe for concurrent use.
type attemptLog struct {
	mu      sync.Mutex
	unknown bool
}

type attemptLogKey struct{}

// trackAttempts returns a context whose ECS calls record their attempts in
// a new log. Use one per operation (one create, one update call, one
// delete), so that an uncertain attempt of one call does not taint another.
func trackAttempts(ctx context.Context) (context.Context, *attemptLog) {
	l := &attemptLog{}
	return context.WithValue(ctx, attemptLogKey{}, l), l
}

// record notes the outcome of one attempt.
func (l *attemptLog) record(unknown bool) {
	if !unknown {
		return
	}
	l.mu.Lock()
	l.unknown = true
	l.mu.Unlock()
}

// ambiguous reports whether an attempt had an unknown outcome.
func (l *attemptLog) ambiguous() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.unknown
}

// uncertain reports whether err, the error of an operation made with the
// log's context, leaves its outcome unknown: an earlier attempt was
// ambiguous, or no answer came at all. An API error after attempts that were
// all answered (4xx) proves that ECS did not apply the change.
func (l *attemptLog) uncertain(err error) bool {
	if err == nil {
		return false
	}
	var apiErr smithy.APIError
	return l.ambiguous() || !errors.As(err, &apiErr)
}

// attemptUnknown classifies one attempt that reached the transport: its
// outcome is unknown when no HTTP response came (transport error, timeout,
// cancellation while in flight) or when the response is a 5xx (the service
// may have applied the change before it failed). The SDK hands on an empty
// response (status 0) when the request could not be sent or answered.
func attemptUnknown(resp *smithyhttp.Response, err error) bool {
	if resp != nil && resp.Response != nil && resp.StatusCode != 0 {
		return resp.StatusCode >= http.StatusInternalServerError
	}
	return err != nil
}

// attemptsOption is the ECS client API option that adds the attempt log's
// middleware.
func attemptsOption(stack *middleware.Stack) error {
	return stack.Deserialize.Add(attemptsMiddleware{}, middleware.Before)
}

// attemptsMiddleware records each attempt in the context's attempt log. It
// sits first in the Deserialize step, which every attempt of the SDK's
// retry loop passes once it is signed and about to be sent, and which
// returns the attempt's raw HTTP response when one came.
type attemptsMiddleware struct{}

func (attemptsMiddleware) ID() string { return "ecsxAttempts" }

func (attemptsMiddleware) HandleDeserialize(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (
	middleware.DeserializeOutput, middleware.Metadata, error,
) {
	out, md, err := next.HandleDeserialize(ctx, in)
	if l, ok := ctx.Value(attemptLogKey{}).(*attemptLog); ok {
		resp, _ := out.RawResponse.(*smithyhttp.Response)
		l.record(attemptUnknown(resp, err))
	}
	return out, md, err
}

// uncertainChangeSummary is the summary of the warning of a failed change
// whose outcome is unknown.
const uncertainChangeSummary = "Outcome of the change unknown"

// uncertainChangeDetail explains a failed change of what (such as
// `cluster "web"`) whose outcome is unknown: whether the state now shows
// what ECS reports (read) or still what was there before the change.
func uncertainChangeDetail(what string, read bool) string {
	detail := fmt.Sprintf("An attempt to change %s got no answer or a server error, so ECS may have applied the change.", what)
	if read {
		return detail + " The state now shows what ECS reports: the next plan proposes what remains to be done."
	}
	return detail + " It could not be read again, so the state shows it as before the change: the next refresh reads it."
}

// saveRequestedByName records in st a resource whose create had an unknown
// outcome and that a lookup did not find: the planned values, with id set
// to name (which Read and Delete resolve as well as an ARN), region set,
// and the values known only after apply set to null. Terraform marks it
// tainted; the next refresh reads it by name, and removes it if it does not
// exist.
func saveRequestedByName(ctx context.Context, plan tftypes.Value, name, region string, st *tfsdk.State) diag.Diagnostics {
	known, err := tftypes.Transform(plan, func(_ *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if !v.IsKnown() {
			return tftypes.NewValue(v.Type(), nil), nil
		}
		return v, nil
	})
	var diags diag.Diagnostics
	if err != nil {
		diags.AddError("Cannot record the requested values", err.Error())
		return diags
	}
	st.Raw = known
	diags.Append(st.SetAttribute(ctx, path.Root("id"), name)...)
	diags.Append(st.SetAttribute(ctx, path.Root("region"), region)...)
	return diags
}

// goneAfterAll reports, after a delete whose outcome is unknown, whether the
// object is gone, or, being deleted, goes within the lookup's bound. find
// returns nil when the object is gone; deleting says whether it is on its
// way; wait waits until it is gone.
func goneAfterAll[T any](ctx context.Context, find func(context.Context) (*T, error), deleting func(*T) bool, wait func(context.Context) error) bool {
	lookCtx, cancel := lookupContext(ctx)
	defer cancel()
	o, err := find(lookCtx)
	switch {
	case err != nil:
		return false
	case o == nil:
		return true
	case deleting(o):
		return wait(lookCtx) == nil
	}
	return false
}
