"""Runs moto's standalone server (same arguments as `moto_server`) with two fidelity fixes for specmesh.

- In AWS, the keys behind reserved aliases such as alias/aws/secretsmanager are AWS-managed
  (KeyManager "AWS"); moto creates them as customer-managed keys. MSK refuses secrets under
  AWS-managed keys, and specmesh must detect that, so those keys are marked AWS-managed here.
- CreateKey without KeyUsage makes an ENCRYPT_DECRYPT key in AWS; moto leaves the usage empty.
- When moto enforces IAM, it answers a denied call with an XML error even for JSON-protocol
  services (Secrets Manager, KMS), which AWS SDKs cannot parse; AWS answers those in JSON
  (AccessDeniedException, UnrecognizedClientException, InvalidSignatureException).
- When moto enforces IAM, it checks most calls against the resource "*" (it does not model the
  resource a call is on), so a statement scoped to resources (`arn:aws:iam::…:policy/specmesh/*`)
  never matched and least-privilege policies were refused everything. Here such a statement
  applies to those calls: actions are checked, resources are not.

Nothing else is changed.

    .cache/moto-venv/bin/python scripts/moto-server.py -H 127.0.0.1 -p 5000
"""
import sys

from moto.kms import models as kms_models

_generate_default_keys = kms_models.KmsBackend._generate_default_keys


def _aws_managed_default_keys(self, alias_name):
    key_id = _generate_default_keys(self, alias_name)
    if key_id is not None:
        self.keys[key_id].key_manager = "AWS"
    return key_id


kms_models.KmsBackend._generate_default_keys = _aws_managed_default_keys

_key_init = kms_models.Key.__init__


def _key_init_with_default_usage(self, policy, key_usage, *args, **kwargs):
    _key_init(self, policy, key_usage or "ENCRYPT_DECRYPT", *args, **kwargs)


kms_models.Key.__init__ = _key_init_with_default_usage

from moto.core import authorization  # noqa: E402
from moto.core.exceptions import JsonRESTError, _RESTError  # noqa: E402

_JSON_ERROR_TYPES = {
    "AccessDenied": "AccessDeniedException",
    "InvalidClientTokenId": "UnrecognizedClientException",
    "SignatureDoesNotMatch": "InvalidSignatureException",
}
_authorize = authorization.ActionAuthenticatorMixin._authenticate_and_authorize_action


def _authorize_with_json_errors(self, *args, **kwargs):
    try:
        return _authorize(self, *args, **kwargs)
    except _RESTError as err:
        if not self.headers.get("X-Amz-Target"):  # query/REST-XML services keep XML errors
            raise
        json_err = JsonRESTError(_JSON_ERROR_TYPES.get(err.error_type, err.error_type), err.message)
        json_err.code = err.code
        raise json_err from err


authorization.ActionAuthenticatorMixin._authenticate_and_authorize_action = _authorize_with_json_errors

from moto.iam import access_control as iam_access_control  # noqa: E402

_check_element_matches = iam_access_control.IAMPolicyStatement._check_element_matches


def _check_element_matches_unmodelled_resource(self, statement_element, value):
    if statement_element == "Resource" and value == "*":
        return True
    return _check_element_matches(self, statement_element, value)


iam_access_control.IAMPolicyStatement._check_element_matches = _check_element_matches_unmodelled_resource

from moto.server import main  # noqa: E402  (after the patch, so the server sees it)

if __name__ == "__main__":
    main(sys.argv[1:])
