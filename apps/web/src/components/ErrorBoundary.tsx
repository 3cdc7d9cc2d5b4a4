import { Alert, Button } from 'antd';
import { Component, ErrorInfo, ReactNode } from 'react';

interface State {
  error: Error | null;
}

/** A screen that throws shows what went wrong and a way back, instead of a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidUpdate(previous: { resetKey: string }): void {
    // Navigating elsewhere gives the next screen a fresh start.
    if (previous.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <Alert
        type="error"
        showIcon
        title="页面出错了 · This screen failed"
        description={this.state.error.message}
        action={<Button onClick={() => window.location.reload()}>重新加载 · Reload</Button>}
      />
    );
  }
}
