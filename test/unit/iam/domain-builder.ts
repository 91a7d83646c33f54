import type { ConsumedTopic, Domain, OwnedTopic, Visibility } from '../../../src/spec/model.js';
import { ownerOfTopic } from '../../../src/spec/naming.js';

/** Builds a Domain in memory, with file and locations filled in, for the IAM tests. */
export class DomainBuilder {
  private readonly owned: OwnedTopic[] = [];
  private readonly consumed: ConsumedTopic[] = [];
  constructor(private readonly id: string) {}

  owns(visibility: Visibility, name: string, grants: string[] = []): this {
    this.owned.push({
      name: `${this.id}._${visibility}.${name}`, channel: `_${visibility}.${name}`, visibility,
      partitions: 3, configs: {}, grants, location: { file: this.file, line: 10 + this.owned.length },
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
