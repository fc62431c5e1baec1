import { expect } from '@jest/globals';

/** The three parts of an event-sourced decider, as each feature's `domain/` exports them. */
export interface Decider<Command, Event, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState: State;
}

/**
 * `given(events).when(command).then(events)` / `.thenThrows(code)`: the state is folded from the
 * given events with the decider's own `evolve`, so tests state history, never hand-built state.
 */
export function deciderSpec<Command, Event, State>(decider: Decider<Command, Event, State>) {
  return {
    given: (events: readonly Event[]) => ({
      when: (command: Command) => {
        const decide = () => decider.decide(command, events.reduce(decider.evolve, decider.initialState));
        return {
          then(expected: readonly Event[]): void {
            expect(decide()).toEqual(expected);
          },
          /** `details` are further properties the error must have (e.g. `{ kind, field }`). */
          thenThrows(code: string, details: Record<string, unknown> = {}): void {
            let thrown: unknown;
            try {
              decide();
            } catch (error) {
              thrown = error;
            }
            expect(thrown).toMatchObject({ code, ...details });
          },
        };
      },
    }),
  };
}
