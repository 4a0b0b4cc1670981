package protoserve

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"weak"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/ecsx/terraform-provider-ecsx/internal/provider"
)

type ctxKey struct{}

// payload stands for what terraform-plugin-go puts in every request's
// context (gRPC stream, loggers, fields).
type payload struct{ _ [4096]byte }

func newServer() tfprotov6.ProviderServer {
	return providerserver.NewProtocol6(provider.New("test")())()
}

// retained serves one ValidateResourceConfig with a payload in the request's
// context, ends the request like gRPC does (cancel) and reports whether the
// payload is still reachable.
func retained(t *testing.T, s tfprotov6.ProviderServer) bool {
	t.Helper()
	p := &payload{}
	w := weak.Make(p)
	func() {
		ctx, cancel := context.WithCancel(context.WithValue(context.Background(), ctxKey{}, p))
		defer cancel()
		_, _ = s.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: "ecsx_cluster"})
	}()
	runtime.GC()
	runtime.GC()
	alive := w.Value() != nil
	runtime.KeepAlive(s) // the server lives as long as the provider process
	return alive
}

func TestWrapKeepsOptionalInterfaces(t *testing.T) {
	s := Wrap(newServer())
	if _, ok := s.(*server); !ok {
		t.Fatalf("Wrap returned %T, want *server: the framework server no longer implements every optional interface", s)
	}
	if _, ok := s.(tfprotov6.ProviderServerWithListResource); !ok { //nolint:staticcheck // tf6server v0.31 still asserts this interface
		t.Error("wrapped server lost ProviderServerWithListResource")
	}
	if _, ok := s.(tfprotov6.ProviderServerWithActions); !ok { //nolint:staticcheck // tf6server v0.31 still asserts this interface
		t.Error("wrapped server lost ProviderServerWithActions")
	}
	if _, ok := s.(tfprotov6.ProviderServerWithStateStores); !ok { //nolint:staticcheck // tf6server v0.31 still asserts this interface
		t.Error("wrapped server lost ProviderServerWithStateStores")
	}
}

func TestRequestContextNotRetained(t *testing.T) {
	if !retained(t, newServer()) {
		// If this starts failing after a framework upgrade, the framework
		// has stopped keeping request contexts and Wrap can go.
		t.Error("the framework's own server did not retain the request context; is Wrap still needed?")
	}
	if retained(t, Wrap(newServer())) {
		t.Fatal("request context still reachable after the request ended")
	}
}

func TestDetach(t *testing.T) {
	parent, cancel := context.WithCancel(context.WithValue(context.Background(), ctxKey{}, "v"))
	ctx, release := detach(parent)
	if got := ctx.Value(ctxKey{}); got != "v" {
		t.Fatalf("Value = %v, want v", got)
	}
	child, cancelChild := context.WithCancel(ctx)
	defer cancelChild()
	if ctx.Err() != nil || child.Err() != nil {
		t.Fatal("canceled too early")
	}
	release()
	if got := ctx.Value(ctxKey{}); got != nil {
		t.Fatalf("Value after release = %v, want nil", got)
	}
	if ctx.Err() != nil {
		t.Fatalf("Err after release, before the request is canceled = %v", ctx.Err())
	}
	cancel()
	<-child.Done()
	<-ctx.Done()
	if !errors.Is(ctx.Err(), context.Canceled) || !errors.Is(child.Err(), context.Canceled) {
		t.Fatalf("Err = %v, %v; want context.Canceled", ctx.Err(), child.Err())
	}
}
