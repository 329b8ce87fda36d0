/**
 * Entry of the Journey view, imported by the lab (components/client/lab.ts) only when the
 * Journey tab first opens: it waits for the lab's simulator, then shows the journeys of the
 * machine's recent commands and follows every new command.
 */
import { lab } from '../../src/lab/labs.ts';
import { topologyModel } from '../../src/lab/topology-model.ts';
import { kernelJourneyGroups, type ProbeMachine } from '../../sim/index.ts';
import { JourneyView } from './journey-view.ts';

const opened = new WeakSet<HTMLElement>();

/** Mounts the Journey view of a lab element (once). */
export async function openJourney(labEl: HTMLElement): Promise<void> {
  const root = labEl.querySelector<HTMLElement>('[data-journey]');
  if (!root || opened.has(root)) return;
  opened.add(root);
  const session = await lab(labEl.dataset.lab!).session();
  const machine = (): ProbeMachine | undefined => session.current().probe;
  const view = new JourneyView(root, {
    groups: () => {
      const m = machine();
      // The newest 20 command lines: enough to pick from, cheap to rebuild after each command.
      return m ? kernelJourneyGroups(m.kernel, { withTraffic: true, limit: 20 }) : [];
    },
    topology: () => topologyModel(session.snapshot.get()),
  });
  // The snapshot store changes after every command (and on reset): a new list then.
  session.snapshot.subscribe(() => view.refresh());
  root.dataset.journeyReady = 'true';
}
