// Renderer entry: styles, Pinia, the router, the app.
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { createAppRouter } from './router';
import './styles/theme.css';
import './styles/base.css';

createApp(App).use(createPinia()).use(createAppRouter()).mount('#app');
