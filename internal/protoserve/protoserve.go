// Package protoserve serves a terraform-plugin-framework provider over
// protocol 6 like providerserver.Serve does, with one difference: the
// framework no longer keeps every request's context alive until the
// provider is stopped.
//
// The framework's protocol 6 server (internal/proto6server, registerContext)
// wraps the context of every RPC in context.WithCancel and appends the cancel
// function to a slice that is only emptied by StopProvider. Each cancel
// function keeps its context reachable, and with it the whole chain of the
// request: the gRPC stream and the terraform-plugin-log loggers and fields
// that terraform-plugin-go adds to every request (about 10 kB per RPC). A
// provider process therefore holds on to every request it has served, and its
// heap grows with the number of resources Terraform asks about (four or five
// RPCs per resource and command).
//
// Wrap gives the framework, for the RPCs Terraform sends once per resource or
// data source instance, a small context that forwards to the request's
// context only while the RPC runs. When the RPC returns, the reference to the
// request's context is dropped, so what the framework keeps is a few hundred
// bytes per RPC instead of the request.
package protoserve

import (
	"context"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
)

// Serve serves the provider over protocol 6 at the given registry address,
// as providerserver.Serve does with ProtocolVersion 6, with the framework's
// server wrapped by Wrap. debug starts it in managed debug mode.
func Serve(address string, debug bool, providerFunc func() provider.Provider) error {
	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	return tf6server.Serve(address, func() tfprotov6.ProviderServer {
		return Wrap(providerserver.NewProtocol6(providerFunc())())
	}, opts...)
}

// fullServer is what the framework's protocol 6 server implements. tf6server
// looks for the optional interfaces with type assertions, so the wrapper must
// implement them too.
type fullServer interface {
	tfprotov6.ProviderServerWithListResource //nolint:staticcheck // tf6server v0.31 still asserts this interface
	tfprotov6.ProviderServerWithActions      //nolint:staticcheck // tf6server v0.31 still asserts this interface
	tfprotov6.ProviderServerWithStateStores  //nolint:staticcheck // tf6server v0.31 still asserts this interface
}

// Wrap returns next with the per-instance RPCs served under a context that
// is released when the RPC returns (see the package documentation). A server
// that does not implement every optional interface is returned unchanged.
func Wrap(next tfprotov6.ProviderServer) tfprotov6.ProviderServer {
	full, ok := next.(fullServer)
	if !ok {
		return next
	}
	return &server{fullServer: full}
}

// server forwards every RPC to the framework. Those that Terraform sends per
// resource instance get a releasable context. StopProvider, the streaming
// RPCs (whose results outlive the call) and the once-per-process RPCs are
// forwarded as they are.
type server struct {
	fullServer
}

func (s *server) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	ctx, release := detach(ctx)
	defer release()
	return s.fullServer.ValidateResourceConfig(ctx, req)
}

func (s *server) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	ctx, release := detach(ctx)
	defer release()
	return s.fullServer.UpgradeResourceState(ctx, req)
}

func (s *server) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	ctx, release := detach(ctx)
	defer release()
	return s.fullServer.ReadResource(ctx, req)
}

func (s *server) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	ctx, release := detach(ctx)
	defer release()
	return s.fullServer.PlanResourceChange(ctx, req)
}

func (s *server) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	ctx, release := detach(ctx)
	defer release()
	return s.fullServer.ApplyResourceChange(ctx, req)
}

func (s *server) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	ctx, release := detach(ctx)
	defer release()
	return s.fullServer.ImportResourceState(ctx, req)
}

func (s *server) MoveResourceState(ctx context.Context, req *tfprotov6.MoveResourceStateRequest) (*tfprotov6.MoveResourceStateResponse, error) {
	ctx, release := detach(ctx)
	defer release()
	return s.fullServer.MoveResourceState(ctx, req)
}

func (s *server) UpgradeResourceIdentity(ctx context.Context, req *tfprotov6.UpgradeResourceIdentityRequest) (*tfprotov6.UpgradeResourceIdentityResponse, error) {
	ctx, release := detach(ctx)
	defer release()
	return s.fullServer.UpgradeResourceIdentity(ctx, req)
}

func (s *server) GenerateResourceConfig(ctx context.Context, req *tfprotov6.GenerateResourceConfigRequest) (*tfprotov6.GenerateResourceConfigResponse, error) {
	ctx, release := detach(ctx)
	defer release()
	return s.fullServer.GenerateResourceConfig(ctx, req)
}

func (s *server) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	ctx, release := detach(ctx)
	defer release()
	return s.fullServer.ValidateDataResourceConfig(ctx, req)
}

func (s *server) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	ctx, release := detach(ctx)
	defer release()
	return s.fullServer.ReadDataSource(ctx, req)
}

func (s *server) CallFunction(ctx context.Context, req *tfprotov6.CallFunctionRequest) (*tfprotov6.CallFunctionResponse, error) {
	ctx, release := detach(ctx)
	defer release()
	return s.fullServer.CallFunction(ctx, req)
}

// requestContext forwards to the context of an RPC until released. After
// that it keeps only the RPC's Done channel, deadline and error, and its
// values are gone: nothing may use the context of an RPC that has returned
// to read logger or request values.
type requestContext struct {
	done     <-chan struct{}
	deadline time.Time
	hasDL    bool

	mu  sync.RWMutex
	ctx context.Context // nil once released
	err error           // ctx.Err() at release
}

// detach returns a context for one RPC and the function that releases it.
//
// Done returns the RPC context's own channel, so a context.WithCancel of the
// returned context is linked to the RPC's cancellation directly (no
// goroutine) and canceled with it when gRPC ends the RPC.
func detach(ctx context.Context) (context.Context, func()) {
	c := &requestContext{done: ctx.Done(), ctx: ctx}
	c.deadline, c.hasDL = ctx.Deadline()
	return c, c.release
}

func (c *requestContext) release() {
	c.mu.Lock()
	if c.ctx != nil {
		c.err = c.ctx.Err()
		c.ctx = nil
	}
	c.mu.Unlock()
}

func (c *requestContext) parent() context.Context {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.ctx
}

func (c *requestContext) Deadline() (time.Time, bool) { return c.deadline, c.hasDL }

func (c *requestContext) Done() <-chan struct{} { return c.done }

func (c *requestContext) Err() error {
	if p := c.parent(); p != nil {
		return p.Err()
	}
	c.mu.RLock()
	err := c.err
	c.mu.RUnlock()
	if err != nil {
		return err
	}
	select {
	case <-c.done:
		return context.Canceled
	default:
		return nil
	}
}

func (c *requestContext) Value(key any) any {
	if p := c.parent(); p != nil {
		return p.Value(key)
	}
	return nil
}
