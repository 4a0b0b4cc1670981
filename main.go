// Command terraform-provider-ecsx serves the ecsx Terraform provider, which
// manages Amazon ECS clusters.
package main

import (
	"flag"
	"log"
	"os"

	"github.com/ecsx/terraform-provider-ecsx/internal/protoserve"
	"github.com/ecsx/terraform-provider-ecsx/internal/provider"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// logLevelVars are the environment variables that select the log levels of
// the provider and of the plugin SDK loggers (terraform-plugin-log).
var logLevelVars = []string{
	"TF_LOG",
	"TF_LOG_PROVIDER",
	"TF_LOG_PROVIDER_ECSX",
	"TF_LOG_SDK",
	"TF_LOG_SDK_FRAMEWORK",
	"TF_LOG_SDK_PROTO",
}

// sdkLogVars are the SDK logger levels set to "off" when no level is chosen.
var sdkLogVars = []string{"TF_LOG_SDK", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_SDK_PROTO"}

// quietSDKLogs reports whether the SDK loggers should be turned off: when no
// log level variable is set. terraform-plugin-log then defaults the SDK
// loggers to TRACE and writes every line to Terraform, which discards them
// because Terraform's own provider logging (TF_LOG, TF_LOG_PROVIDER) is off.
// In debug mode the output goes to the person debugging, so it is kept.
func quietSDKLogs(debug bool, lookup func(string) (string, bool)) bool {
	if debug {
		return false
	}
	for _, name := range logLevelVars {
		if _, ok := lookup(name); ok {
			return false
		}
	}
	return true
}

func main() {
	var debug bool

	flag.BoolVar(&debug, "debug", false, "start the provider with support for debuggers such as delve")
	flag.Parse()

	if quietSDKLogs(debug, os.LookupEnv) {
		for _, name := range sdkLogVars {
			_ = os.Setenv(name, "off")
		}
	}

	// protoserve.Serve is providerserver.Serve (protocol 6) without the
	// framework keeping every request's context until the provider stops.
	if err := protoserve.Serve("registry.terraform.io/ecsx/ecsx", debug, provider.New(version)); err != nil {
		log.Fatal(err.Error())
	}
}
