// Command terraform-provider-noop serves the benchmark's floor provider.
package main

import (
	"context"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/ecsx/terraform-provider-ecsx/bench/noopprovider"
)

func main() {
	err := providerserver.Serve(context.Background(), noopprovider.New(), providerserver.ServeOpts{
		Address:         noopprovider.Address,
		ProtocolVersion: 6,
	})
	if err != nil {
		log.Fatal(err)
	}
}
