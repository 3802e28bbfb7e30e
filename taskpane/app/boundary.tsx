/** An error boundary around each wizard of the pane. */
import * as React from "react";
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";

interface BoundaryState {
  error: Error | null;
  /** How many times the wizard was started again: its key, so that it remounts with the default form. */
  restarts: number;
}

/**
 * Without a boundary, an error while rendering unmounts the whole wizard and leaves the pane blank.
 * This one says what went wrong and starts the wizard again from its defaults (the simulation's: the
 * beer game); it does not re-read what the workbook stores, which may be what failed.
 */
export class WizardBoundary extends React.Component<{ children(restarts: number): React.ReactNode; restartLabel?: string }, BoundaryState> {
  state: BoundaryState = { error: null, restarts: 0 };

  static getDerivedStateFromError(e: unknown): Partial<BoundaryState> {
    return { error: e instanceof Error ? e : new Error(String(e)) };
  }

  componentDidCatch(error: unknown, info: React.ErrorInfo): void {
    console.error("The wizard stopped:", error, info.componentStack);
  }

  render(): React.ReactNode {
    const { error, restarts } = this.state;
    if (!error) return this.props.children(restarts);
    const line = (error.message || error.name).split("\n")[0];
    return (
      <MessageBar intent="error" layout="multiline" role="alert">
        <MessageBarBody>
          <MessageBarTitle>The wizard stopped</MessageBarTitle>
          {line}
        </MessageBarBody>
        <MessageBarActions>
          <Button onClick={() => this.setState({ error: null, restarts: restarts + 1 })}>
            {this.props.restartLabel ?? "Start again from the beer game"}
          </Button>
        </MessageBarActions>
      </MessageBar>
    );
  }
}
