/**
 * Inputs that have crashed @asyncapi/parser or a reader of specs: wrong types at the top level and
 * below it. Every one must come back as diagnostics, never as a stack trace.
 */
const info = "info:\n  title: T\n  version: '1'\n";
const v2 = (rest: string): string => `asyncapi: '2.6.0'\nid: urn:acme.m\n${info}${rest}`;
const v3 = (rest: string): string => `asyncapi: '3.0.0'\nid: urn:acme.m\n${info}${rest}`;

export const MALFORMED_SPECS: Record<string, string> = {
  'asyncapi-null-api.yaml': `asyncapi: null\nid: urn:acme.m\n${info}channels: {}\n`,
  'asyncapi-missing-api.yaml': `id: urn:acme.m\n${info}channels: {}\n`,
  'asyncapi-number-api.yaml': `asyncapi: 2.6\nid: urn:acme.m\n${info}channels: {}\n`,
  'asyncapi-mapping-api.yaml': `asyncapi: {}\nid: urn:acme.m\n${info}channels: {}\n`,
  'asyncapi-list-api.yaml': `asyncapi: [2]\nid: urn:acme.m\n${info}channels: {}\n`,
  'asyncapi-bad-string-api.yaml': `asyncapi: 'two'\nid: urn:acme.m\n${info}channels: {}\n`,
  'top-list-api.yaml': '- a\n- b\n',
  'top-scalar-api.yaml': 'just text\n',
  'empty-api.yaml': '',
  'channels-number-api.yaml': v2('channels: 5\n'),
  'channels-null-api.yaml': v2('channels: null\n'),
  'channels-list-api.yaml': v2('channels: [1, 2]\n'),
  'info-list-api.yaml': "asyncapi: '2.6.0'\nid: urn:acme.m\ninfo: []\nchannels: {}\n",
  'info-string-api.yaml': "asyncapi: '2.6.0'\nid: urn:acme.m\ninfo: x\nchannels: {}\n",
  'id-number-api.yaml': `asyncapi: '2.6.0'\nid: 5\n${info}channels: {}\n`,
  'id-list-api.yaml': `asyncapi: '2.6.0'\nid: [a]\n${info}channels: {}\n`,
  'channel-null-api.yaml': v2('channels:\n  _public.x: null\n'),
  'publish-number-api.yaml': v2('channels:\n  _public.x:\n    publish: 5\n'),
  'tags-number-api.yaml': v2('channels:\n  _protected.x:\n    publish:\n      tags: 5\n'),
  'tags-items-api.yaml': v2('channels:\n  _protected.x:\n    publish:\n      tags: [5, null, {name: 7}]\n'),
  'message-number-api.yaml': v2('channels:\n  _public.x:\n    publish:\n      message: 5\n'),
  'payload-number-api.yaml': v2('channels:\n  _public.x:\n    publish:\n      message:\n        payload: 5\n'),
  'bindings-number-api.yaml': v2('channels:\n  _public.x:\n    bindings: 5\n    publish: {}\n'),
  'kafka-binding-list-api.yaml': v2('channels:\n  _public.x:\n    bindings:\n      kafka: [1]\n    publish: {}\n'),
  'traits-number-api.yaml': v2('channels:\n  _public.x:\n    publish:\n      traits: 5\n'),
  'ref-number-api.yaml': v2('channels:\n  _public.x:\n    publish:\n      message:\n        $ref: 5\n'),
  'ref-nowhere-api.yaml': v2("channels:\n  _public.x:\n    publish:\n      message:\n        $ref: '#/components/messages/none'\n"),
  'components-number-api.yaml': v2('channels: {}\ncomponents: 5\n'),
  'v3-operations-number-api.yaml': v3('channels: {}\noperations: 7\n'),
  'v3-operation-null-api.yaml': v3('channels:\n  x:\n    address: _public.x\noperations:\n  a: null\n'),
  'v3-operation-channel-number-api.yaml': v3('channels:\n  x:\n    address: _public.x\noperations:\n  a:\n    action: send\n    channel: 5\n'),
  'v3-messages-number-api.yaml': v3("channels:\n  x:\n    address: _public.x\n    messages: 5\noperations:\n  a:\n    action: send\n    channel:\n      $ref: '#/channels/x'\n"),
};
