package acctest

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
)

// OtherRegion is a second region of the sandbox, for per-resource region
// tests.
const OtherRegion = "eu-west-1"

// ECSIn returns an SDK client of the sandbox for another region. Against
// AWS it is ECS() with the region replaced.
func (e *Env) ECSIn(region string) *ecs.Client {
	if e.Sandbox == nil {
		return ecs.New(e.ECS().Options(), func(o *ecs.Options) { o.Region = region })
	}
	return ecs.New(ecs.Options{
		Region:       region,
		BaseEndpoint: aws.String(e.Endpoint),
		Credentials:  credentials.NewStaticCredentialsProvider(SandboxAccessKey, SandboxSecretKey, ""),
		Retryer:      observerRetryer(),
	})
}
