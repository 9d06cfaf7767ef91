import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  CONTRACT_KEYS,
  EVENT_KEYS,
  methodName,
  subscriptionName,
  type Api,
  type ContractKey,
  type EventKey,
  type EventOf,
  type MethodName,
  type RequestOf,
  type ResponseOf,
  type Result,
  type SubscriptionName,
} from '../../shared/ipc/contracts';

/**
 * The preload: exposes `window.conndoctor`, one typed method per contract and one
 * subscription per event, built by looping over the contract keys. There is no generic
 * invoke: the page can only make the calls the contracts name, and main validates each.
 */

type Methods = { [K in ContractKey as MethodName<K>]: Api[MethodName<K>] };
type Subscriptions = { [E in EventKey as SubscriptionName<E>]: Api[SubscriptionName<E>] };

function invoker<K extends ContractKey>(key: K) {
  return (request: RequestOf<K>) =>
    ipcRenderer.invoke(key, request) as Promise<Result<ResponseOf<K>>>;
}

function subscriber<E extends EventKey>(event: E) {
  return (listener: (payload: EventOf<E>) => void): (() => void) => {
    const handler = (_e: IpcRendererEvent, payload: EventOf<E>) => listener(payload);
    ipcRenderer.on(event, handler);
    return () => {
      ipcRenderer.removeListener(event, handler);
    };
  };
}

// Object.fromEntries loses the key-to-method pairing; the mapped types restore it.
const methods = Object.fromEntries(
  CONTRACT_KEYS.map((k) => [methodName(k), invoker(k)]),
) as Methods;
const subscriptions = Object.fromEntries(
  EVENT_KEYS.map((e) => [subscriptionName(e), subscriber(e)]),
) as Subscriptions;

const api = { ...methods, ...subscriptions } satisfies Api;

contextBridge.exposeInMainWorld('conndoctor', api);
