import { describe, expect, it } from 'vitest';
import { parseSubjectStrategy, subjectName } from '../../../src/schema/subject-name.js';

const T = 'acme.retail.orders._public.order_placed';

describe('subject names', () => {
  it('uses TopicNameStrategy when no strategy is given: <topic>-value and <topic>-key', () => {
    const s = parseSubjectStrategy(undefined)!;
    expect(s).toBe('TopicNameStrategy');
    expect(subjectName(s, T, 'value', 'acme.retail.orders.Order')).toEqual({ subject: `${T}-value` });
    expect(subjectName(s, T, 'key', undefined)).toEqual({ subject: `${T}-key` });
  });

  it('names SimpleTopicIdStrategy subjects after the topic alone', () => {
    expect(subjectName('SimpleTopicIdStrategy', T, 'value', undefined)).toEqual({ subject: T });
  });

  it('names RecordNameStrategy subjects after the record and TopicRecordNameStrategy after both', () => {
    expect(subjectName('RecordNameStrategy', T, 'value', 'acme.retail.orders.Order')).toEqual({ subject: 'acme.retail.orders.Order' });
    expect(subjectName('TopicRecordNameStrategy', T, 'value', 'acme.retail.orders.Order')).toEqual({ subject: `${T}-acme.retail.orders.Order` });
  });

  it('explains that the record strategies need a named schema', () => {
    const r = subjectName('RecordNameStrategy', T, 'key', undefined);
    expect(r).toEqual({ problem: expect.stringContaining('RecordNameStrategy needs a named schema') });
  });

  it('reads strategy names case-insensitively, by Apicurio alias, and as Java class names', () => {
    expect(parseSubjectStrategy('recordnamestrategy')).toBe('RecordNameStrategy');
    expect(parseSubjectStrategy('TopicRecordIdStrategy')).toBe('TopicRecordNameStrategy');
    expect(parseSubjectStrategy('io.confluent.kafka.serializers.subject.TopicNameStrategy')).toBe('TopicNameStrategy');
    expect(parseSubjectStrategy('SimpleTopicIdStrategy')).toBe('SimpleTopicIdStrategy');
    expect(parseSubjectStrategy('FancyStrategy')).toBeUndefined();
  });
});
