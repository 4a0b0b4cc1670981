// Command terraform-provider-noopschema serves the benchmark's same-schema floor provider.
//
// Like terraform-provider-ecsx, it turns the plugin SDK loggers off when no
// log level variable (TF_LOG, TF_LOG_PROVIDER, TF_LOG_PROVIDER_NOOPSCHEMA,
// TF_LOG_SDK, TF_LOG_SDK_FRAMEWORK, TF_LOG_SDK_PROTO) is set, so that the
// floor stays the best a framework provider of this schema can reach.
package main

import (
	"log"
	"os"

	"github.com/ecsx/terraform-provider-ecsx/bench/noopschema"
	"github.com/ecsx/terraform-provider-ecsx/internal/protoserve"
)

func main() {
	quiet := true
	for _, name := range []string{"TF_LOG", "TF_LOG_PROVIDER", "TF_LOG_PROVIDER_NOOPSCHEMA", "TF_LOG_SDK", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_SDK_PROTO"} {
		if _, ok := os.LookupEnv(name); ok {
			quiet = false
		}
	}
	if quiet {
		for _, name := range []string{"TF_LOG_SDK", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_SDK_PROTO"} {
			_ = os.Setenv(name, "off")
		}
	}
	// Served like terraform-provider-ecsx: see internal/protoserve.
	err := protoserve.Serve(noopschema.Address, false, noopschema.New())
	if err != nil {
		log.Fatal(err)
	}
}
