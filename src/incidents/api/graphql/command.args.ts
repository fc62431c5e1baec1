import type { Type } from '@nestjs/common';
import { ArgsType, Field, ID, ObjectType } from '@nestjs/graphql';
import { IsOptional, Matches } from 'class-validator';
import type { Actor } from '../../../auth/roles.js';
import { type CommandContext, commandContext } from '../../../common/commands/command-context.js';
import { IdField, NestedField, PositionField } from './input.decorators.js';

/** Options every mutation takes: the GraphQL counterparts of the `Idempotency-Key` and `If-Match` headers. */
@ArgsType()
export class CommandOptionsArgs {
  @Field(() => ID, { nullable: true, description: 'Idempotency key: a repeat returns the first result and appends nothing' })
  @IsOptional()
  @Matches(/^[\x21-\x7e]{1,255}$/, { message: 'commandId must be 1 to 255 visible ASCII characters' })
  commandId?: string | null;

  @PositionField("The incident's expected revision (like If-Match); a stale one fails with REVISION.STALE")
  expectedRevision?: string | null;
}

@ArgsType()
export class IncidentCommandArgs extends CommandOptionsArgs {
  @IdField()
  incidentId!: string;
}

@ArgsType()
export class RecordCommandArgs extends IncidentCommandArgs {
  @IdField()
  recordId!: string;
}

/** Adds the mutation's `input` argument (validated as nested `input.*` fields) to its other arguments. */
export function withInput<Base extends Type<CommandOptionsArgs>, Input extends object>(base: Base, input: Type<Input>, required = true) {
  @ArgsType()
  class WithInput extends base {
    @NestedField(() => input, required) input!: Input;
  }
  return WithInput as unknown as Type<InstanceType<Base> & { input: Input }>;
}

@ObjectType('CommandResult', { description: 'What every mutation returns; pass position as consistentWith to read your write' })
export class CommandResultType {
  @Field(() => ID) incidentId!: string;
  @Field(() => ID, { nullable: true }) recordId?: string;
  @Field(() => String, { description: "The incident stream's revision after the write" }) revision!: string;
  @Field(() => String, { description: 'Event-store position of the write' }) position!: string;
}

/** The `CommandContext` of a mutation: `commandId` and `expectedRevision` as REST's `Idempotency-Key` and `If-Match`. */
export function mutationContext(actor: Actor, { commandId, expectedRevision }: CommandOptionsArgs): CommandContext {
  return commandContext({
    actor: actor.sub,
    idempotencyKey: commandId ?? undefined,
    expectedRevision: expectedRevision == null ? undefined : BigInt(expectedRevision),
  });
}
