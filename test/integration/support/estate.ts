import { writeTempFiles } from '../../support/temp-specs.js';

const spec = (id: string, channels: string): string =>
  `asyncapi: '2.6.0'\nid: 'urn:${id}'\ninfo: { title: '${id}', version: '1.0.0' }\nchannels:\n${channels}`;

const owned = (channel: string, extra = ''): string =>
  `  ${channel}:\n    bindings:\n      kafka: { partitions: 1 }\n    publish:\n${extra || '      message: { payload: { type: object } }\n'}`;

const consumed = (topic: string): string => `  ${topic}:\n    subscribe:\n      message: { payload: { type: object } }\n`;

/**
 * A multi-domain estate: public, protected with grants, private, a nested domain
 * (acme.retail / acme.retail.orders) and two prefix-sharing domains (acme.user / acme.userprops).
 * `tag` keeps topic names unique per test run.
 */
export function writeEstate(tag: string): { dir: string; domains: string[] } {
  const d = (name: string) => `${tag}.${name}`;
  const domains = [d('retail'), d('retail.orders'), d('retail.payments'), d('user'), d('userprops')];
  const dir = writeTempFiles({
    'retail-api.yaml': spec(d('retail'), owned('_public.store_opened') + consumed(`${d('retail.orders')}._public.order_placed`)),
    'orders-api.yaml': spec(d('retail.orders'),
      owned('_public.order_placed') +
      owned('_protected.order_paid', `      tags: [{ name: 'grant-access:${d('retail.payments')}' }]\n      message: { payload: { type: object } }\n`) +
      owned('_private.order_state')),
    'payments-api.yaml': spec(d('retail.payments'), owned('_public.payment_settled') + consumed(`${d('retail.orders')}._protected.order_paid`)),
    'user-api.yaml': spec(d('user'), owned('_public.signed_up') + owned('_private.sessions') + consumed(`${d('userprops')}._protected.prefs`)),
    'userprops-api.yaml': spec(d('userprops'),
      owned('_public.profile') +
      owned('_protected.prefs', `      tags: [{ name: 'grant-access:${d('user')}' }]\n      message: { payload: { type: object } }\n`) +
      owned('_private.cache')),
  });
  return { dir, domains };
}
