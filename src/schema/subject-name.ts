/** Subject name strategies: Confluent's names, Apicurio's aliases, SpecMesh's SimpleTopicIdStrategy. */
export type SubjectStrategy = 'TopicNameStrategy' | 'RecordNameStrategy' | 'TopicRecordNameStrategy' | 'SimpleTopicIdStrategy';

const ALIASES: Record<string, SubjectStrategy> = {
  topicnamestrategy: 'TopicNameStrategy',
  topicidstrategy: 'TopicNameStrategy',
  recordnamestrategy: 'RecordNameStrategy',
  recordidstrategy: 'RecordNameStrategy',
  topicrecordnamestrategy: 'TopicRecordNameStrategy',
  topicrecordidstrategy: 'TopicRecordNameStrategy',
  simpletopicidstrategy: 'SimpleTopicIdStrategy',
};

export const SUBJECT_STRATEGIES: readonly SubjectStrategy[] = ['TopicNameStrategy', 'RecordNameStrategy', 'TopicRecordNameStrategy', 'SimpleTopicIdStrategy'];

/**
 * Reads a message binding's `schemaLookupStrategy` (case-insensitive; a Java class name such as
 * `io.confluent.kafka.serializers.subject.RecordNameStrategy` counts by its last segment).
 * Absent: TopicNameStrategy. Undefined for a name that is none of these.
 */
export function parseSubjectStrategy(value: string | undefined): SubjectStrategy | undefined {
  if (value === undefined || value.trim() === '') return 'TopicNameStrategy';
  const simple = value.trim().split('.').pop()!.toLowerCase();
  return ALIASES[simple];
}

export type SchemaPart = 'key' | 'value';

/**
 * The subject a topic's key or value schema is registered under. `recordName` is the full name of
 * the schema's record (Avro) or first message (Protobuf); the record strategies need it.
 */
export function subjectName(strategy: SubjectStrategy, topic: string, part: SchemaPart, recordName: string | undefined): { subject: string } | { problem: string } {
  switch (strategy) {
    case 'TopicNameStrategy': return { subject: `${topic}-${part}` };
    case 'SimpleTopicIdStrategy': return { subject: topic };
    case 'RecordNameStrategy':
    case 'TopicRecordNameStrategy':
      if (!recordName) return { problem: `${strategy} needs a named schema (an Avro record, enum or fixed, or a Protobuf message), and the ${part} schema has no name` };
      return { subject: strategy === 'RecordNameStrategy' ? recordName : `${topic}-${recordName}` };
    default: {
      const never: never = strategy;
      throw new Error(`Unknown subject strategy ${JSON.stringify(never)}: this is a bug`);
    }
  }
}
