package rules

import (
	"errors"
	"fmt"
	"strings"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/imageref"
	"github.com/daglint/daglint/internal/lazyre"
)

// ImageInvalidReference reports image values that are not valid image
// references.
var ImageInvalidReference = &analysis.Rule{
	ID:        "DAG103",
	Name:      "image-invalid-reference",
	Severity:  analysis.Error,
	Tags:      []string{"correctness"},
	Precision: "very-high",
	Doc: analysis.Doc{
		Summary: "the image is not a valid image reference",
		What: `Reports the resolved ` + "`image`" + ` of a Docker call or KubernetesPodOperator when it
is not a valid reference in Docker's grammar: a URL scheme
(` + "`https://registry.gitlab.com/acme/etl`" + `), uppercase letters in the repository path,
whitespace, an empty string, a malformed tag or digest, user info
(` + "`user:password@registry.example.com/app`" + `: the message shows it as
` + "`<credentials>@`" + `), a registry host that is no valid host name
(` + "`my_registry.example.com`" + `: '_' is not allowed), or an image ID (64 hex
digits, bare or as ` + "`sha256:<hex>`" + `). The message quotes the value, says what is wrong and, when removing the
scheme, the whitespace or the uppercase letters gives a valid reference,
names it. Templated (Jinja) and unresolved images are not checked. A reference
reported here gets no other image finding (DAG101, DAG102, DAG104, DAG105).

An image ID is reported too: ` + "`docker run`" + ` accepts one, but DockerOperator
looks the image up by repository name and pulls it when the lookup finds
nothing, which an ID never matches and no registry can serve, and Kubernetes
pulls by name as well. An empty image on a KubernetesPodOperator that also has
a pod template or a full pod spec is not reported, since the template may
supply the image.` + "\n\n" + kpoFamilyDoc,
		Why: `Docker rejects such a reference before contacting any registry ("invalid
reference format"), so the task fails on every run, and only at run time: the
DAG itself imports fine. A scheme is the usual slip when a registry URL is
copied from a browser or from the connection's host field.`,
		Example: `from airflow.providers.docker.operators.docker import DockerOperator

DockerOperator(
    task_id="etl",
    image="https://registry.gitlab.com/acme/etl:1.4.2",
    docker_conn_id="gitlab_registry",
)
`,
		UseInstead: `from airflow.providers.docker.operators.docker import DockerOperator

DockerOperator(
    task_id="etl",
    image="registry.gitlab.com/acme/etl:1.4.2",
    docker_conn_id="gitlab_registry",
)
`,
		Since: "0.1.0",
		Fix:   "none (the message names the corrected reference when there is an obvious one)",
	},
	Run: runImageInvalidReference,
}

// kpoTemplateArgs are KubernetesPodOperator parameters that can supply the
// container image themselves (the job templates of KubernetesJobOperator
// and its subclasses too).
var kpoTemplateArgs = []string{"pod_template_file", "pod_template_dict", "full_pod_spec", "job_template_file", "full_job_spec"}

func runImageInvalidReference(pass *analysis.Pass) error {
	for _, im := range images(pass, allCalls) {
		err := refErr(im)
		if err == nil {
			continue
		}
		if errors.Is(err, imageref.ErrEmpty) && !im.Op.IsDocker() && maybeSetAny(im, kpoTemplateArgs) {
			continue // the pod template may give the container its image
		}
		pass.Report(analysis.Diagnostic{
			Start: im.Loc.Start, End: im.Loc.End,
			Message: fmt.Sprintf("image %q %v; %s", withoutCredentials(im.Text), err, invalidAdvice(im.Text, err)),
			Related: related(im.Value, im.Loc, "image"),
		})
	}
	return nil
}

// maybeSetAny reports whether any of names may be set on the image's call.
func maybeSetAny(im image, names []string) bool {
	for _, n := range names {
		if im.Op.MaybeSet(n) {
			return true
		}
	}
	return false
}

// anyScheme matches a leading URL scheme.
var anyScheme = lazyre.New(`^[A-Za-z][A-Za-z0-9+.-]*://`)

// invalidAdvice says what to write instead of an invalid reference.
// withoutCredentials shows an image reference with any user info replaced,
// so no message quotes a password written into an image.
func withoutCredentials(text string) string {
	stripped, ok := imageref.StripUserInfo(text)
	if !ok {
		return text
	}
	scheme := anyScheme.FindString(stripped)
	return scheme + "<credentials>@" + stripped[len(scheme):]
}

func invalidAdvice(text string, err error) string {
	if errors.Is(err, imageref.ErrUserInfo) {
		if s, ok := correctedReference(text); ok {
			return fmt.Sprintf("use %q and give the login to the pull with docker_conn_id (a Docker connection for the registry)", s)
		}
		return "name the image without credentials and give the login to the pull with docker_conn_id"
	}
	if errors.Is(err, imageref.ErrBadHost) {
		return "use the registry's real host name (a host name has letters, digits, '-' and '.'; '_' is not allowed)"
	}
	if errors.Is(err, imageref.ErrImageID) {
		return "name the image by repository and tag or digest (registry/group/name:tag or @sha256:...)"
	}
	if s, ok := correctedReference(text); ok {
		return fmt.Sprintf("use %q", s)
	}
	if errors.Is(err, imageref.ErrEmpty) {
		return "set it to the image to run, [registry/]repository[:tag][@digest]"
	}
	return "write it as [registry/]repository[:tag][@digest]"
}

// correctedReference returns the reference s most likely meant when
// removing a URL scheme, surrounding whitespace or uppercase letters in the
// repository path makes it valid. A tag keeps its case (tags may be
// uppercase).
func correctedReference(s string) (string, bool) {
	t := strings.TrimSpace(s)
	t, _ = imageref.StripUserInfo(t)
	t = anyScheme.Get().ReplaceAllString(t, "")
	t = strings.TrimRight(t, "/")
	if t == "" {
		return "", false
	}
	if _, err := imageref.Parse(t); err != nil {
		t = lowerRepository(t)
	}
	if t == s {
		return "", false
	}
	if _, err := imageref.Parse(t); err != nil {
		return "", false
	}
	return t, true
}

// lowerRepository lowercases the name part of a reference, leaving its tag
// and digest as written.
func lowerRepository(s string) string {
	name, suffix := s, ""
	if i := strings.IndexByte(name, '@'); i >= 0 {
		name, suffix = name[:i], name[i:]
	}
	slash := strings.LastIndexByte(name, '/')
	if i := strings.LastIndexByte(name, ':'); i > slash {
		name, suffix = name[:i], name[i:]+suffix
	}
	return strings.ToLower(name) + suffix
}
