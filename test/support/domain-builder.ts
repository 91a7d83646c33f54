import type { ConsumedTopic, Domain, OwnedTopic, Visibility } from '../../src/spec/model.js';
import { ownerOfTopic } from '../../src/spec/naming.js';

interface OwnOptions { grants?: string[]; partitions?: number; configs?: Record<string, string> }

/** Builds Domain models in memory, with file and locations filled in, for unit tests of the pure core. */
export class DomainBuilder {
  private readonly owned: OwnedTopic[] = [];
  private readonly consumed: ConsumedTopic[] = [];
  constructor(private readonly id: string) {}

  /** `grants` may be given directly or in the options. */
  owns(visibility: Visibility, name: string, options: string[] | OwnOptions = {}): this {
    const o: OwnOptions = Array.isArray(options) ? { grants: options } : options;
    this.owned.push({
      name: `${this.id}._${visibility}.${name}`, channel: `_${visibility}.${name}`, visibility,
      partitions: o.partitions ?? 1, configs: o.configs ?? {}, grants: o.grants ?? [],
      location: { file: this.file, line: 10 + this.owned.length },
    });
    return this;
  }

  consumes(...topics: string[]): this {
    for (const topic of topics) {
      const owner = ownerOfTopic(topic);
      if (!owner) throw new Error(`not a topic name with a visibility segment: ${topic}`);
      this.consumed.push({ name: topic, ...owner, location: { file: this.file, line: 50 + this.consumed.length } });
    }
    return this;
  }

  build(): Domain {
    return { id: this.id, file: this.file, asyncapiVersion: '3.0.0', produces: [...this.owned], consumes: [...this.consumed], location: { file: this.file, line: 2 } };
  }

  private get file(): string {
    return `specs/${this.id}.yaml`;
  }
}

export const domain = (id: string): DomainBuilder => new DomainBuilder(id);
