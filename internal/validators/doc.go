// Package validators holds the ecsx schema validators that
// terraform-plugin-framework-validators does not provide: tag rules, name
// rules with reserved prefixes, cluster setting and execute command
// configuration rules, capacity provider strategy rules, the Service
// Connect namespace name-or-ARN rule, the capacity provider object rules
// (termination protection, step sizes, ranges, Nitro Sandbox), durations,
// objects with at least one attribute, regular expressions, and the STS
// session policy and tags of the provider's role blocks. Every framework
// validator of the provider lives here, with ReadableString and
// ReadableInt64, which wrap a stock validator of an attribute inside a block
// so that its messages name set elements as ecsx's own rules do, and
// SetBlockRules, which runs the rules across the elements of a set block as
// a resource validator so that they are reported with the rules of the
// elements' attributes.
//
// Every validator skips null and unknown values; object and set validators
// skip each rule whose inputs are not yet known. The rule logic is also
// exported as plain functions (CheckTag, TagRuleViolations, ValidClusterName,
// CheckStrategy, …) so the same rules can be applied at apply time to values
// that were unknown during planning.
package validators
