import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A merged actor and the actor it answers as, as the incidents projection read the actor registry's
 * merges (`foldActorMerges`): which incidents an actor merge changes.
 */
@Entity('actor_survivors')
export class ActorSurvivorRow {
  @PrimaryColumn('uuid', { name: 'actor_id' })
  actorId!: string;

  @Column('uuid', { name: 'survivor_id' })
  survivorId!: string;
}
