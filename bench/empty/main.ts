import { mount } from 'svelte';
import Empty from './Empty.svelte';

const target = document.getElementById('app');
if (target) mount(Empty, { target });
