import type { ConsumedTopic, Domain, OwnedTopic, Visibility } from '../../src/spec/model.js';
import { ownerOfTopic } from '../../src/spec/naming.js';

/** Builds Domain models in memory for unit tests of the pure core. */
export class DomainBuilder {
  private readonly produces: OwnedTopic[] = [];
  private readonly consumes: ConsumedTopic[] = [];
  constructor(private readonly id: string) {}

  owns(visibility: Visibility, name: string, options: { grants?: string[]; partitions?: number; configs?: Record<string, string> } = {}): this {
    this.produces.push({
      name: `${this.id}._${visibility}.${name}`, channel: `_${visibility}.${name}`, visibility,
      partitions: options.partitions ?? 1, configs: options.configs ?? {}, grants: options.grants ?? [],
      location: { file: `${this.id}.yaml`, line: 1 },
    });
    return this;
  }

  consumesTopic(topic: string): this {
    const owner = ownerOfTopic(topic);
    if (!owner) throw new Error(`not a SpecMesh topic: ${topic}`);
    this.consumes.push({ name: topic, ...owner, location: { file: `${this.id}.yaml`, line: 1 } });
    return this;
  }

  build(): Domain {
    return { id: this.id, file: `${this.id}.yaml`, asyncapiVersion: '2.6.0', produces: this.produces, consumes: this.consumes, location: { file: `${this.id}.yaml`, line: 2 } };
  }
}

export const domain = (id: string): DomainBuilder => new DomainBuilder(id);
