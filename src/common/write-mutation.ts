import { Mutation, type MutationOptions, type ReturnTypeFunc } from '@nestjs/graphql';

/**
 * A GraphQL mutation that writes (one command): its result is nullable, so that in an operation of
 * several writes (`a: addTimelineNote(…) b: addTimelineNote(…)`), each run in turn, a refused one
 * answers `null` with its error while the results of those made stay in `data`. Non-null, one error
 * would null the whole `data` and hide writes that were made (a client retrying would make them twice).
 */
export const WriteMutation = (type: ReturnTypeFunc, options: MutationOptions = {}): MethodDecorator => Mutation(type, { ...options, nullable: true });
